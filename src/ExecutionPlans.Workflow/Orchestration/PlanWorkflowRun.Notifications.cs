using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>Notifications: approval requests, reminders and outcomes, one activity per configured channel.</summary>
internal sealed partial class PlanWorkflowRun
{
    // Three attempts, 2 s then 4 s apart: enough for a mail server's hiccup, short enough not to hold the Plan.
    private static readonly TaskOptions NotificationRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    private readonly List<PlanNotificationRecord> notifications = [];

    /// <summary>The outcome the channels were last told of.</summary>
    private (PlanStatus Status, int Version, int Succeeded)? notifiedOutcome;

    private bool HasNotificationChannels => input.NotificationChannels.Count > 0;

    /// <summary>Tells the channels about the plan; a channel that still fails after its retries is recorded, never fatal.</summary>
    /// <param name="kind">Why.</param>
    /// <param name="recipients">Who to tell.</param>
    /// <param name="stepId">The step held at its checkpoint, for <see cref="NotificationKind.Checkpoint"/>.</param>
    private async Task NotifyAsync(NotificationKind kind, IReadOnlyList<string> recipients, string? stepId = null)
    {
        if (!HasNotificationChannels)
        {
            return;
        }

        var view = CurrentView();
        var notification = (stepId is null ? ApprovalNotification.FromView(kind, view) : ApprovalNotification.ForCheckpoint(view, stepId))
            with { Approvers = [.. recipients] };
        await SendAsync(notification);
        Publish();
    }

    /// <summary>
    /// Sends a notification through each configured channel, one activity each with its retries, and records how each
    /// went in the plan's notifications; a channel that still fails is recorded and logged, never thrown.
    /// </summary>
    /// <param name="notification">What to send; its kind and step go into the records.</param>
    /// <returns>The records, one per channel, in the channels' order.</returns>
    private async Task<List<PlanNotificationRecord>> SendAsync(ApprovalNotification notification)
    {
        var records = new List<PlanNotificationRecord>(input.NotificationChannels.Count);
        foreach (var channel in input.NotificationChannels)
        {
            var record = new PlanNotificationRecord { Channel = channel, Kind = notification.Kind, Version = Plan.Version, StepId = notification.StepId };
            try
            {
                var delivery = await context.CallActivityAsync<NotificationDelivery>(
                    nameof(NotifyApproversActivity), new NotifyRequest(channel, notification), NotificationRetry);
                record.Delivered = true;
                record.Detail = delivery.Detail;
            }
            catch (TaskFailedException exception)
            {
                record.Detail = exception.FailureDetails.ErrorMessage;
                LogNotificationFailed(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, channel, notification.Kind, record.Detail);
            }

            record.At = Now;
            notifications.Add(record);
            records.Add(record);
        }

        return records;
    }

    /// <summary>Reminds the approvers who have not decided on the current version.</summary>
    private Task RemindAsync()
    {
        var decided = machine.Decisions
            .Where(d => d.PlanVersion == Plan.Version && d.By is not null)
            .Select(d => d.By!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pending = Approvers.Where(a => !decided.Contains(a)).ToList();

        // With approvers named and all of them heard from, there is nobody to remind.
        return Approvers.Count > 0 && pending.Count == 0 ? Task.CompletedTask : NotifyAsync(NotificationKind.Reminder, pending);
    }

    /// <summary>
    /// Tells the channels how the plan ended, once per outcome: a failure when it happens (the plan may then still be
    /// recovered), and whatever the plan ends with after that, unless it is the same failure told already.
    /// </summary>
    private async Task NotifyOutcomeAsync()
    {
        var outcome = (Plan.Status, Plan.Version, Plan.Steps.Count(step => step.Status == StepStatus.Succeeded));
        if (outcome == notifiedOutcome)
        {
            return;
        }

        notifiedOutcome = outcome;
        await (Plan.Status switch
        {
            PlanStatus.Completed => NotifyAsync(NotificationKind.Completed, Approvers),
            PlanStatus.Failed => NotifyAsync(NotificationKind.Failed, Approvers),
            PlanStatus.Cancelled => NotifyAsync(NotificationKind.Cancelled, Approvers),
            _ => Task.CompletedTask,
        });
    }

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Plan {PlanId}: the {Channel} {Kind} notification failed after its retries: {Error}")]
    private static partial void LogNotificationFailed(ILogger logger, string planId, string channel, NotificationKind kind, string error);
}
