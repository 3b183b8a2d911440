using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Notifications;

/// <summary>
/// Sends one notification through one channel. A failure throws, so the workflow's retry policy tries again;
/// one activity per channel, so a retry never sends twice through a channel that worked.
/// </summary>
public sealed class NotifyApproversActivity(IEnumerable<INotificationChannel> channels) : TaskActivity<NotifyRequest, NotificationDelivery>
{
    /// <inheritdoc />
    public override Task<NotificationDelivery> RunAsync(TaskActivityContext context, NotifyRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var channel = channels.FirstOrDefault(c => string.Equals(c.Name, input.Channel, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"There is no notification channel named '{input.Channel}'.");
        if (!channel.IsConfigured)
        {
            throw new InvalidOperationException($"The notification channel '{channel.Name}' is no longer configured.");
        }

        return channel.SendAsync(input.Notification, CancellationToken.None);
    }
}
