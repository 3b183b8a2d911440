using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>How a version of a plan came to be.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevisionAction>))]
public enum RevisionAction
{
    /// <summary>A model generated the plan from a request.</summary>
    [JsonStringEnumMemberName("generated")]
    Generated,

    /// <summary>The plan was submitted as written, without a model.</summary>
    [JsonStringEnumMemberName("submitted")]
    Submitted,

    /// <summary>The plan was changed on a reviewer's feedback or replaced by a reviewer's plan.</summary>
    [JsonStringEnumMemberName("modified")]
    Modified,
}
