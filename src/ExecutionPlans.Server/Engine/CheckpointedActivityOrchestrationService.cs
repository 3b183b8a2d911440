using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Hands out an activity (a step) only once the orchestration episode that scheduled it has been stored. The Azure
/// Storage provider sends an episode's activity messages first and stores the episode after; a process killed in
/// between leaves messages for steps the stored plan never started, and when the episode runs again it schedules
/// them anew, so each would run twice. <see cref="ActivityAdmission"/> is the rule; this type applies it: messages of
/// episodes this process stores wait for that (no storage read), any other is checked against the stored history.
/// Everything else is passed through.
/// </summary>
internal sealed partial class CheckpointedActivityOrchestrationService(
    IOrchestrationService inner,
    StoredTaskHistory history,
    TimeProvider time,
    ILogger<CheckpointedActivityOrchestrationService> logger) : DelegatingOrchestrationService(inner)
{
    // A commit of another process may still be under way when its message arrives here; look again after these. Only
    // a message younger than CommitWindow waits here: an older one waits in the queue, not holding up the messages
    // behind it (after a crash, the dead process's messages are all older).
    private static readonly TimeSpan[] WaitsForCommit = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)];

    private static readonly TimeSpan CommitWindow = TimeSpan.FromSeconds(2);

    // How long a message of this process's own episode waits for the episode to be stored before the history decides.
    private static readonly TimeSpan CommitPatience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan KeepCommitsFor = TimeSpan.FromMinutes(5);

    // The activities of the episodes this process is storing or has stored: the ones another process took are forgotten.
    private readonly ConcurrentDictionary<(string InstanceId, string ExecutionId, int TaskId), Commit> commits = new();
    private long lastPrune;

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var stored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var now = time.GetUtcNow();
        foreach (var message in outboundMessages)
        {
            if (message.Event is TaskScheduledEvent scheduled)
            {
                commits[KeyOf(message.OrchestrationInstance, scheduled)] = new Commit(AsUtc(scheduled.Timestamp), stored.Task, now);
            }
        }

        try
        {
            await Inner.CompleteTaskOrchestrationWorkItemAsync(
                workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

            // An episode that could not be stored was stored as the end of its execution instead, so its tasks' messages,
            // which may be out already, are left to the stored history, which says the execution has ended.
            stored.SetResult(!UnstorableStateOrchestrationService.EndedInstead(workItem));
        }
        catch
        {
            // Not stored: its messages may be out already, so the stored history decides about them.
            stored.SetResult(false);
            throw;
        }
        finally
        {
            PruneCommits(now);
        }
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            if (workItem?.TaskMessage.Event is not TaskScheduledEvent scheduled)
            {
                return workItem!;
            }

            var instance = workItem.TaskMessage.OrchestrationInstance;
            ActivityVerdict verdict;
            try
            {
                verdict = await AdmitAsync(instance, scheduled, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Inner.AbandonTaskActivityWorkItemAsync(workItem);
                throw;
            }
            catch (Exception exception)
            {
                // Not knowing is no reason to run it, nor to drop it: it comes back later.
                LogAdmissionFailed(logger, exception, instance.InstanceId, scheduled.EventId);
                await Inner.AbandonTaskActivityWorkItemAsync(workItem);
                continue;
            }

            switch (verdict)
            {
                case ActivityVerdict.Run:
                    return workItem;
                case ActivityVerdict.Discard:
                    LogDiscarded(logger, instance.InstanceId, scheduled.EventId, scheduled.Name);

                    // The provider deletes a message only with a result. This one reaches no one: the task has a
                    // result already (the orchestration ignores a second one), or its execution has ended or was
                    // never stored (the provider drops results for those).
                    await Inner.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage
                    {
                        Event = new TaskCompletedEvent(-1, scheduled.EventId, null),
                        OrchestrationInstance = instance,
                    });
                    break;
                case ActivityVerdict.Defer:
                    LogSuperseded(logger, instance.InstanceId, scheduled.EventId, scheduled.Name);
                    await Inner.AbandonTaskActivityWorkItemAsync(workItem);
                    break;
                default:
                    LogNotScheduled(logger, instance.InstanceId, scheduled.EventId, scheduled.Name);
                    await Inner.AbandonTaskActivityWorkItemAsync(workItem);
                    break;
            }
        }
    }

    private async Task<ActivityVerdict> AdmitAsync(OrchestrationInstance instance, TaskScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        var scheduledAt = AsUtc(scheduled.Timestamp);
        var key = KeyOf(instance, scheduled);
        if (commits.TryGetValue(key, out var commit) &&
            (commit.ScheduledAt - scheduledAt).Duration() <= ActivityAdmission.SameEventTolerance &&
            commits.TryRemove(KeyValuePair.Create(key, commit)))
        {
            // Sent by an episode of this process: it is stored once its completion returns, in milliseconds.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var settled = await Task.WhenAny(commit.Stored, Task.Delay(CommitPatience, time, patience.Token));
            await patience.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (settled == commit.Stored && await commit.Stored)
            {
                return ActivityVerdict.Run;
            }
        }

        if (!StoredTaskHistory.CanRead(instance.InstanceId))
        {
            return ActivityVerdict.Run;
        }

        for (var attempt = 0; ; attempt++)
        {
            var stored = await history.FindAsync(instance.InstanceId, instance.ExecutionId, scheduled.EventId, cancellationToken);
            var age = time.GetUtcNow().UtcDateTime - scheduledAt;
            var verdict = ActivityAdmission.Decide(stored, scheduledAt, age);
            if (verdict != ActivityVerdict.Wait)
            {
                return verdict;
            }

            if (attempt == WaitsForCommit.Length || age > CommitWindow)
            {
                return ActivityVerdict.Wait;
            }

            await Task.Delay(WaitsForCommit[attempt], time, cancellationToken);
        }
    }

    private void PruneCommits(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref lastPrune);
        if (now.UtcTicks - last < KeepCommitsFor.Ticks || Interlocked.CompareExchange(ref lastPrune, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, commit) in commits)
        {
            if (now - commit.At > KeepCommitsFor)
            {
                commits.TryRemove(key, out _);
            }
        }
    }

    private static (string, string, int) KeyOf(OrchestrationInstance instance, TaskScheduledEvent scheduled) =>
        (instance.InstanceId, instance.ExecutionId, scheduled.EventId);

    // The provider's times are UTC; a message read back may carry them as local or unspecified.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Dropped a message for task {TaskId} ({TaskName}) of instance {InstanceId} without running it: its task has a result already, or was scheduled by an episode that was never stored")]
    private static partial void LogDiscarded(ILogger logger, string instanceId, int taskId, string? taskName);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Put back a message for task {TaskId} ({TaskName}) of instance {InstanceId}: the stored history does not schedule it (yet)")]
    private static partial void LogNotScheduled(ILogger logger, string instanceId, int taskId, string? taskName);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Put back a message for task {TaskId} ({TaskName}) of instance {InstanceId}: the stored history schedules another copy of it, which has not finished")]
    private static partial void LogSuperseded(ILogger logger, string instanceId, int taskId, string? taskName);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Could not check the stored history for task {TaskId} of instance {InstanceId}; the message is put back")]
    private static partial void LogAdmissionFailed(ILogger logger, Exception exception, string instanceId, int taskId);

    private sealed record Commit(DateTime ScheduledAt, Task<bool> Stored, DateTimeOffset At);
}
