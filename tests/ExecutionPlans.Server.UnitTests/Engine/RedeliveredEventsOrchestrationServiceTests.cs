using DurableTask.Core;
using DurableTask.Core.History;
using ExecutionPlans.Server.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ExecutionPlans.Server.UnitTests.Engine;

public sealed class RedeliveredEventsOrchestrationServiceTests
{
    private static readonly OrchestrationInstance Instance = new() { InstanceId = "0f8fad5bd9cb469fa16570867728950e", ExecutionId = "e1" };
    private static readonly DateTime RaisedAt = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task LockNextTaskOrchestrationWorkItem_EventTheHistoryHolds_DropsTheCopyAndKeepsTheRest()
    {
        // Arrange: the approval was stored, then handed out again with a step's result.
        var completed = Message(new TaskCompletedEvent(-1, 2, "done"));
        var workItem = WorkItem(History(Approved(RaisedAt)), Message(Approved(RaisedAt)), completed);
        var service = Over(workItem);

        // Act
        var locked = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        // Assert
        Assert.Equal([completed], locked.NewMessages);
    }

    [Theory]
    [InlineData("Approved", """{"version": 1}""", 5.0)]
    [InlineData("Approved", """{"version": 2}""", 0.0)]
    [InlineData("Cancel", """{"version": 1}""", 0.0)]
    public async Task LockNextTaskOrchestrationWorkItem_EventDifferingFromTheStoredOne_KeepsIt(string name, string payload, double secondsLater)
    {
        // Arrange
        var raised = new EventRaisedEvent(-1, payload) { Name = name, Timestamp = RaisedAt.AddSeconds(secondsLater) };
        var workItem = WorkItem(History(Approved(RaisedAt)), Message(raised));
        var service = Over(workItem);

        // Act
        var locked = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        // Assert
        Assert.Same(raised, Assert.Single(locked.NewMessages).Event);
    }

    private static RedeliveredEventsOrchestrationService Over(TaskOrchestrationWorkItem workItem)
    {
        var inner = new Mock<IOrchestrationService>(MockBehavior.Strict);
        inner.Setup(service => service.LockNextTaskOrchestrationWorkItemAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        return new RedeliveredEventsOrchestrationService(inner.Object, NullLogger<RedeliveredEventsOrchestrationService>.Instance);
    }

    private static EventRaisedEvent Approved(DateTime at) => new(-1, """{"version": 1}""") { Name = "Approved", Timestamp = at };

    private static OrchestrationRuntimeState History(params HistoryEvent[] events)
    {
        var state = new OrchestrationRuntimeState();
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance, Name = "PlanOrchestrator" });
        foreach (var historyEvent in events)
        {
            state.AddEvent(historyEvent);
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        return state;
    }

    private static TaskMessage Message(HistoryEvent historyEvent) => new() { Event = historyEvent, OrchestrationInstance = Instance };

    private static TaskOrchestrationWorkItem WorkItem(OrchestrationRuntimeState state, params TaskMessage[] messages) => new()
    {
        InstanceId = Instance.InstanceId,
        OrchestrationRuntimeState = state,
        NewMessages = [.. messages],
    };
}
