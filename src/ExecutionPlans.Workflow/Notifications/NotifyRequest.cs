using System.Text.Json.Serialization;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Notifications;

/// <summary>The input of <see cref="NotifyApproversActivity"/>: one notification for one channel.</summary>
/// <param name="Channel">The channel's name (<c>teams</c>, <c>email</c>).</param>
/// <param name="Notification">What to tell whom.</param>
public sealed record NotifyRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("notification")] ApprovalNotification Notification);
