using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>What the workflow did with a decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionOutcome>))]
public enum DecisionOutcome
{
    /// <summary>The decision took effect.</summary>
    [JsonStringEnumMemberName("applied")]
    Applied,

    /// <summary>The decision named a version that is not the current one; nothing changed.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>A decision with the same id was already applied; nothing changed.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>The decision was not allowed (for example, too many modifications); nothing changed.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>The decision was accepted but could not be carried out (for example, the model failed); nothing changed.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The decision reached the plan when it could not take it (it was executing, or had ended); recorded, nothing changed.</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,

    /// <summary>
    /// Only in the answer to the request that sent the decision: the plan has it and will record it with one of the
    /// outcomes above.
    /// </summary>
    [JsonStringEnumMemberName("received")]
    Received,
}
