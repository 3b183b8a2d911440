using DurableTask.Core;
using DurableTask.Core.History;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Drops from an orchestration work item the external events (approvals, changes, rejections, cancels) that its stored
/// history holds already. The Azure Storage provider stores an episode and only then deletes the messages it was made
/// of, so a process killed in between leaves them to be handed out again: a decision would reach the plan twice and
/// be recorded twice. A copy is known by its name, its payload and the time it was raised, which travel with it.
/// Everything else is passed through; the provider deletes the dropped messages when the work item completes.
/// </summary>
internal sealed partial class RedeliveredEventsOrchestrationService(
    IOrchestrationService inner,
    ILogger<RedeliveredEventsOrchestrationService> logger) : DelegatingOrchestrationService(inner)
{
    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.NewMessages is not { } messages || !messages.Any(message => message.Event is EventRaisedEvent))
        {
            return workItem!;
        }

        var stored = workItem.OrchestrationRuntimeState.Events.OfType<EventRaisedEvent>().ToList();
        var fresh = new List<TaskMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (message.Event is EventRaisedEvent raised && stored.Any(earlier => IsCopy(earlier, raised)))
            {
                LogDropped(logger, raised.Name, workItem.InstanceId);
                continue;
            }

            fresh.Add(message);
        }

        workItem.NewMessages = fresh;
        return workItem;
    }

    private static bool IsCopy(EventRaisedEvent stored, EventRaisedEvent raised) =>
        string.Equals(stored.Name, raised.Name, StringComparison.Ordinal) &&
        string.Equals(stored.Input, raised.Input, StringComparison.Ordinal) &&
        (stored.Timestamp - raised.Timestamp).Duration() <= ActivityAdmission.SameEventTolerance;

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Dropped a second copy of event {EventName} for instance {InstanceId}: its stored history holds it already")]
    private static partial void LogDropped(ILogger logger, string? eventName, string instanceId);
}
