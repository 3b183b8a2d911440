using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>The lifecycle status of an <see cref="ExecutionPlan"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanStatus>))]
public enum PlanStatus
{
    /// <summary>The plan is being drafted and has not been shown to anyone yet.</summary>
    [JsonStringEnumMemberName("draft")]
    Draft,

    /// <summary>The plan waits for a person to approve, change or reject it.</summary>
    [JsonStringEnumMemberName("pending_approval")]
    PendingApproval,

    /// <summary>The plan was approved and waits to run.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>The plan's steps are running.</summary>
    [JsonStringEnumMemberName("executing")]
    Executing,

    /// <summary>Every step succeeded.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>A step failed; the steps after it were skipped.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The plan was rejected, timed out waiting for approval, or was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
