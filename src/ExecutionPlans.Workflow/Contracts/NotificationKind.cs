using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>Why a notification is sent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>A plan version waits for a decision; the notification carries signed links to decide.</summary>
    [JsonStringEnumMemberName("approval_requested")]
    ApprovalRequested,

    /// <summary>A plan version still waits for a decision; the notification carries fresh signed links.</summary>
    [JsonStringEnumMemberName("reminder")]
    Reminder,

    /// <summary>Nobody decided in time: the notification goes to the approvers added by escalation, with signed links.</summary>
    [JsonStringEnumMemberName("escalated")]
    Escalated,

    /// <summary>A step waits at its checkpoint; the notification carries signed links to run, skip or reject it.</summary>
    [JsonStringEnumMemberName("checkpoint")]
    Checkpoint,

    /// <summary>The plan ran and every step succeeded.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The plan failed.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The plan was rejected, timed out waiting for approval, or was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>A <c>notify</c> step of the plan sends its <see cref="ApprovalNotification.Message"/> to the plan's approvers.</summary>
    [JsonStringEnumMemberName("message")]
    Message,
}
