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

    /// <summary>A cancel came while steps were running: no new step starts, the running ones finish, then the plan is cancelled.</summary>
    [JsonStringEnumMemberName("cancelling")]
    Cancelling,

    /// <summary>Every step succeeded.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>A step failed; no new step started, the running ones finished, the rest were skipped.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The plan was rejected, timed out waiting for approval, or was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
