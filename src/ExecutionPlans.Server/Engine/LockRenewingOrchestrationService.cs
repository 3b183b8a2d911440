using System.Collections.Concurrent;
using DurableTask.Core;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Keeps the locks of the work items in progress alive, which neither the sidecar's dispatchers nor the Azure Storage
/// provider do: a running step's work-item queue message, and the control-queue messages (an approval, a step's
/// result, a timer) of an orchestration work item being processed. The locks can then be short, so what a killed
/// process had taken is handed out again soon after, instead of once the default five-minute locks have expired;
/// without renewal a short lock would let a message reappear, and be processed a second time, while it is still
/// being worked on. Everything else is passed through.
/// </summary>
internal sealed partial class LockRenewingOrchestrationService(
    IOrchestrationService inner,
    TimeSpan activityRenewInterval,
    TimeSpan orchestrationRenewInterval,
    ILogger<LockRenewingOrchestrationService> logger) : DelegatingOrchestrationService(inner)
{
    private readonly ConcurrentDictionary<TaskActivityWorkItem, LockRenewal> activities = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, LockRenewal> orchestrations = new(ReferenceEqualityComparer.Instance);

    public override async Task StopAsync(bool isForced)
    {
        foreach (var workItem in activities.Keys)
        {
            await StopRenewingAsync(activities, workItem);
        }

        foreach (var workItem in orchestrations.Keys)
        {
            await StopRenewingAsync(orchestrations, workItem);
        }

        await Inner.StopAsync(isForced);
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            activities[workItem] = LockRenewal.Start(
                () => Inner.RenewTaskActivityWorkItemLockAsync(workItem),
                activityRenewInterval,
                exception => LogActivityRenewFailed(logger, exception, workItem.Id));
        }

        return workItem!;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        // A renewal in flight would change the message's receipt under the completion; let it finish first.
        await StopRenewingAsync(activities, workItem);
        await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(activities, workItem);
        await Inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            orchestrations[workItem] = LockRenewal.Start(
                () => Inner.RenewTaskOrchestrationWorkItemLockAsync(workItem),
                orchestrationRenewInterval,
                exception => LogOrchestrationRenewFailed(logger, exception, workItem.InstanceId));
        }

        return workItem!;
    }

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // The completion deletes the messages with their current receipts; a renewal must not change one meanwhile.
        await StopRenewingAsync(orchestrations, workItem);
        await Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public override async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await StopRenewingAsync(orchestrations, workItem);
        await Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        // The sidecar always releases, after completing or abandoning; this covers a work item it gave up on otherwise.
        await StopRenewingAsync(orchestrations, workItem);
        await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    private static async Task StopRenewingAsync<TWorkItem>(ConcurrentDictionary<TWorkItem, LockRenewal> renewals, TWorkItem workItem)
        where TWorkItem : notnull
    {
        if (renewals.TryRemove(workItem, out var renewal))
        {
            await renewal.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not renew the lock of activity work item {WorkItemId}")]
    private static partial void LogActivityRenewFailed(ILogger logger, Exception exception, string workItemId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Could not renew the lock of the orchestration work item of instance {InstanceId}")]
    private static partial void LogOrchestrationRenewFailed(ILogger logger, Exception exception, string instanceId);
}
