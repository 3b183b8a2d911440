using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Notifications;

/// <summary>A way to tell people about a plan: Teams, email.</summary>
public interface INotificationChannel
{
    /// <summary>The channel's name: <c>teams</c> or <c>email</c>.</summary>
    string Name { get; }

    /// <summary>Whether the channel's settings are present; an unconfigured channel is not used.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends a notification.</summary>
    /// <param name="notification">What to send.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    /// <returns>What was sent.</returns>
    /// <exception cref="NotificationException">The message could not be delivered (so the caller may retry).</exception>
    Task<NotificationDelivery> SendAsync(ApprovalNotification notification, CancellationToken cancellationToken);
}
