using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>What a recorded decision asked for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionKind>))]
public enum DecisionKind
{
    /// <summary>Approve the plan.</summary>
    [JsonStringEnumMemberName("approve")]
    Approve,

    /// <summary>Change the plan.</summary>
    [JsonStringEnumMemberName("modify")]
    Modify,

    /// <summary>Reject the plan.</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>Cancel the plan.</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,

    /// <summary>Nobody decided before the approval timeout.</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>Run a failed plan's failed and skipped steps again, as they are.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>Skip a step waiting at its checkpoint, and the steps that depend on it.</summary>
    [JsonStringEnumMemberName("skip")]
    Skip,

    /// <summary>Nobody decided in time: more approvers were added and notified (<c>Approvals:EscalateAfter</c>).</summary>
    [JsonStringEnumMemberName("escalate")]
    Escalate,
}
