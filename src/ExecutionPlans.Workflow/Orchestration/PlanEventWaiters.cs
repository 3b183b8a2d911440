using System.Text.Json;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// One live waiter per event name for the whole orchestration. A waiter is only replaced after it has
/// received its event, never cancelled: the SDK hands an event to the newest waiter of its name, and an
/// abandoned (cancelled) waiter would swallow it. So no event is ever lost, whenever it arrives.
/// </summary>
internal sealed class PlanEventWaiters
{
    private readonly TaskOrchestrationContext context;

    public PlanEventWaiters(TaskOrchestrationContext context)
    {
        this.context = context;
        Cancel = Wait(PlanEvents.Cancel);
        Rejected = Wait(PlanEvents.Rejected);
        Modify = Wait(PlanEvents.Modify);
        Approved = Wait(PlanEvents.Approved);
        Retry = Wait(PlanEvents.Retry);
        Skip = Wait(PlanEvents.Skip);
    }

    public Task<JsonElement> Cancel { get; private set; }

    public Task<JsonElement> Rejected { get; private set; }

    public Task<JsonElement> Modify { get; private set; }

    public Task<JsonElement> Approved { get; private set; }

    public Task<JsonElement> Retry { get; private set; }

    public Task<JsonElement> Skip { get; private set; }

    /// <summary>The decision waiters, most decisive first, so simultaneous events are handled in that order.</summary>
    public IEnumerable<Task<JsonElement>> Decisions => [Cancel, Rejected, Modify, Approved, Retry, Skip];

    /// <summary>Takes the payload of a completed waiter and starts waiting for that event's next occurrence.</summary>
    /// <param name="completed">A waiter that has completed.</param>
    /// <returns>The event's name and payload.</returns>
    public (string Name, JsonElement Payload) Take(Task completed)
    {
        if (completed == Cancel)
        {
            Cancel = Wait(PlanEvents.Cancel);
            return (PlanEvents.Cancel, ((Task<JsonElement>)completed).Result);
        }

        if (completed == Rejected)
        {
            Rejected = Wait(PlanEvents.Rejected);
            return (PlanEvents.Rejected, ((Task<JsonElement>)completed).Result);
        }

        if (completed == Modify)
        {
            Modify = Wait(PlanEvents.Modify);
            return (PlanEvents.Modify, ((Task<JsonElement>)completed).Result);
        }

        if (completed == Approved)
        {
            Approved = Wait(PlanEvents.Approved);
            return (PlanEvents.Approved, ((Task<JsonElement>)completed).Result);
        }

        if (completed == Retry)
        {
            Retry = Wait(PlanEvents.Retry);
            return (PlanEvents.Retry, ((Task<JsonElement>)completed).Result);
        }

        if (completed == Skip)
        {
            Skip = Wait(PlanEvents.Skip);
            return (PlanEvents.Skip, ((Task<JsonElement>)completed).Result);
        }

        throw new ArgumentException("The task is not one of the event waiters.", nameof(completed));
    }

    /// <summary>
    /// Sends each event that reaches a waiter from now on back to the orchestration, for its next execution: after
    /// <c>ContinueAsNew</c> the SDK still hands later events of the episode to the waiters of this one.
    /// </summary>
    public void ForwardLaterEvents()
    {
        _ = ForwardAsync(Cancel, PlanEvents.Cancel);
        _ = ForwardAsync(Rejected, PlanEvents.Rejected);
        _ = ForwardAsync(Modify, PlanEvents.Modify);
        _ = ForwardAsync(Approved, PlanEvents.Approved);
        _ = ForwardAsync(Retry, PlanEvents.Retry);
        _ = ForwardAsync(Skip, PlanEvents.Skip);
    }

    private async Task ForwardAsync(Task<JsonElement> waiter, string name) =>
        context.SendEvent(context.InstanceId, name, await waiter);

    private Task<JsonElement> Wait(string name) => context.WaitForExternalEvent<JsonElement>(name);
}
