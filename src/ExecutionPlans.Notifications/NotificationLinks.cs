using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications;

/// <summary>
/// The signed links a notification carries for one recipient. A request to decide gets Approve, Reject and Review,
/// sharing one token that expires with the version's approval deadline; a follow-up gets a Review link to see how
/// the plan ended, good for <see cref="FollowUpLinkLifetime"/>, when links are configured.
/// </summary>
internal sealed class NotificationLinks(ApprovalLinks links, IOptions<ApprovalOptions> options, TimeProvider timeProvider)
{
    /// <summary>How long the link of a follow-up works.</summary>
    public static readonly TimeSpan FollowUpLinkLifetime = TimeSpan.FromDays(7);

    /// <summary>Whether links can be made (signing key and public base URL set).</summary>
    public bool IsConfigured => links.IsConfigured;

    /// <summary>The links for one recipient; null for a follow-up when links are not configured.</summary>
    /// <exception cref="NotificationException">The notification asks for a decision and links are not configured.</exception>
    public ReviewLinks? For(ApprovalNotification notification, string approver, string channel)
    {
        var now = timeProvider.GetUtcNow();
        if (!notification.AsksForDecision)
        {
            return links.IsConfigured ? Create(notification, approver, now + FollowUpLinkLifetime, decide: false) : null;
        }

        if (!links.IsConfigured)
        {
            var missing = NotificationOptionsValidator.MissingLinkSettings(options.Value) ?? "Approvals:SigningKey and Approvals:PublicBaseUrl";
            throw new NotificationException(
                $"The {channel} notification for plan {notification.PlanId} needs signed approval links, which need Approvals:SigningKey and Approvals:PublicBaseUrl. Set {missing}.");
        }

        // The workflow always sends the deadline; without one the link lives as long as a default approval wait.
        var expiresAt = notification.ExpiresAt ?? now + options.Value.DefaultTimeout;
        return Create(notification, approver, expiresAt, decide: true);
    }

    private ReviewLinks Create(ApprovalNotification notification, string approver, DateTimeOffset expiresAt, bool decide)
    {
        var token = links.CreateToken(notification.PlanId, notification.Version, approver, expiresAt);
        return new ReviewLinks(
            links.ReviewUrl(notification.PlanId, token),
            decide ? links.ReviewUrl(notification.PlanId, token, "approve") : null,
            decide ? links.ReviewUrl(notification.PlanId, token, "reject") : null,
            approver);
    }
}
