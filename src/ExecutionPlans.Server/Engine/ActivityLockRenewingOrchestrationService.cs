using System.Collections.Concurrent;
using DurableTask.Core;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Keeps the lock of every running activity (step) alive, which the sidecar's dispatcher does not do. The lock
/// can then be short, so a step whose process was killed runs again soon after a restart, instead of once the
/// default five-minute lock has expired; without renewal a short lock would let a long step's message reappear
/// while it still runs. Everything else is passed through.
/// </summary>
internal sealed partial class ActivityLockRenewingOrchestrationService(
    IOrchestrationService inner,
    TimeSpan renewInterval,
    ILogger<ActivityLockRenewingOrchestrationService> logger) : DelegatingOrchestrationService(inner)
{
    private readonly ConcurrentDictionary<TaskActivityWorkItem, Renewal> renewals = new(ReferenceEqualityComparer.Instance);

    public override async Task StopAsync(bool isForced)
    {
        foreach (var workItem in renewals.Keys)
        {
            await StopRenewingAsync(workItem);
        }

        await Inner.StopAsync(isForced);
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            var stop = new CancellationTokenSource();
            renewals[workItem] = new Renewal(stop, RenewUntilStoppedAsync(workItem, stop.Token));
        }

        return workItem!;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        // A renewal in flight would change the message's receipt under the completion; let it finish first.
        await StopRenewingAsync(workItem);
        await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await Inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    private async Task RenewUntilStoppedAsync(TaskActivityWorkItem workItem, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(renewInterval, stop);
                await Inner.RenewTaskActivityWorkItemLockAsync(workItem);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next renewal may succeed; if none does, the step runs again once its lock expires.
                LogRenewFailed(logger, exception, workItem.Id);
            }
        }
    }

    private async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        if (renewals.TryRemove(workItem, out var renewal))
        {
            await renewal.Stop.CancelAsync();
            await renewal.Loop;
            renewal.Stop.Dispose();
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not renew the lock of activity work item {WorkItemId}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string workItemId);

    private sealed record Renewal(CancellationTokenSource Stop, Task Loop);
}
