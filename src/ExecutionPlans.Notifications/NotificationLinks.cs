using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications;

/// <summary>
/// The signed links a notification carries for one recipient, sharing one token. A request to decide gets Approve,
/// Reject and Review, until the version's approval deadline; a step held at its checkpoint gets Approve step, Skip step,
/// Reject and Review, bound to that step, until the checkpoint's deadline; a failure that can still be recovered gets Retry,
/// Request changes and Review for the plan's approvers, until the recovery window closes; any other follow-up gets a
/// Review link to see how the plan ended, good for <see cref="FollowUpLinkLifetime"/>, when links are configured.
/// </summary>
internal sealed class NotificationLinks(ApprovalLinks links, IOptions<ApprovalOptions> options, TimeProvider timeProvider)
{
    /// <summary>How long the link of a follow-up works.</summary>
    public static readonly TimeSpan FollowUpLinkLifetime = TimeSpan.FromDays(7);

    /// <summary>The review page's names for the decisions links preselect.</summary>
    public const string Approve = "approve";

    /// <inheritdoc cref="Approve"/>
    public const string Reject = "reject";

    /// <inheritdoc cref="Approve"/>
    public const string Retry = "retry";

    /// <inheritdoc cref="Approve"/>
    public const string Modify = "modify";

    /// <inheritdoc cref="Approve"/>
    public const string Skip = "skip";

    /// <summary>Whether links can be made (signing key and public base URL set).</summary>
    public bool IsConfigured => links.IsConfigured;

    /// <summary>The links for one recipient; null for a follow-up when links are not configured.</summary>
    /// <exception cref="NotificationException">The notification asks for a decision and links are not configured.</exception>
    public ReviewLinks? For(ApprovalNotification notification, string approver, string channel)
    {
        var now = timeProvider.GetUtcNow();
        if (!notification.AsksForDecision && !notification.AsksForStep)
        {
            if (!links.IsConfigured)
            {
                return null;
            }

            // Recovery links go to those who may recover the plan; a requester who is not an approver hears how it went.
            return notification is { OffersRecovery: true, RecoverableUntil: { } until } && until > now && IsApprover(notification, approver)
                ? Create(notification, approver, until, [(Retry, "Retry"), (Modify, "Request changes")])
                : Create(notification, approver, now + FollowUpLinkLifetime, []);
        }

        if (!links.IsConfigured)
        {
            var missing = NotificationOptionsValidator.MissingLinkSettings(options.Value) ?? "Approvals:SigningKey and Approvals:PublicBaseUrl";
            throw new NotificationException(
                $"The {channel} notification for plan {notification.PlanId} needs signed approval links, which need Approvals:SigningKey and Approvals:PublicBaseUrl. Set {missing}.");
        }

        // The workflow always sends the deadline; without one the link lives as long as a default approval wait.
        var expiresAt = notification.ExpiresAt ?? now + options.Value.DefaultTimeout;
        return notification.AsksForStep
            ? Create(notification, approver, expiresAt, [(Approve, "Approve step"), (Skip, "Skip step"), (Reject, "Reject plan")], notification.StepId)
            : Create(notification, approver, expiresAt, [(Approve, "Approve"), (Reject, "Reject")]);
    }

    // With no approvers named anyone may decide, as on the API.
    private static bool IsApprover(ApprovalNotification notification, string recipient) =>
        notification.Approvers.Count == 0 || notification.Approvers.Contains(recipient, StringComparer.OrdinalIgnoreCase);

    private ReviewLinks Create(
        ApprovalNotification notification,
        string approver,
        DateTimeOffset expiresAt,
        IEnumerable<(string Action, string Label)> decisions,
        string? stepId = null)
    {
        var token = links.CreateToken(notification.PlanId, notification.Version, approver, expiresAt, notification.PlanHash, stepId);
        return new ReviewLinks(
            links.ReviewUrl(notification.PlanId, token),
            [.. decisions.Select(d => new DecisionLink(d.Action, d.Label, links.ReviewUrl(notification.PlanId, token, d.Action)))],
            approver,
            expiresAt);
    }
}
