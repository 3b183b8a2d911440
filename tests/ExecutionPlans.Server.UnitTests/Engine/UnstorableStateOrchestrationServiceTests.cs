using Azure;
using DurableTask.Core;
using DurableTask.Core.History;
using ExecutionPlans.Server.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ExecutionPlans.Server.UnitTests.Engine;

public sealed class UnstorableStateOrchestrationServiceTests
{
    private static readonly OrchestrationInstance Instance = new() { InstanceId = "0f8fad5bd9cb469fa16570867728950e", ExecutionId = "e1" };

    private readonly List<Completion> completions = [];

    [Fact]
    public async Task Complete_StatusOverTheLimit_StoresTheEndOfTheOrchestrationWithoutItsMessages()
    {
        // Arrange: 8,193 characters are 16 KB and two bytes of UTF-16.
        var (workItem, state) = Episode(status: new string('x', 8_193));
        var service = Over(_ => { });

        // Act
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [Scheduled()], [], [Timer()], null!, Status());

        // Assert
        var stored = Assert.Single(completions);
        Assert.Equal(OrchestrationStatus.Failed, stored.State.OrchestrationStatus);
        Assert.Equal(UnstorableStateOrchestrationService.ErrorType, stored.State.FailureDetails?.ErrorType);
        Assert.Contains("its custom status is 16,386 bytes of UTF-16 JSON, over the 16,384 (16 KB) a status may take", stored.State.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(stored.State.Status);
        Assert.Equal((0, 0), (stored.Outbound, stored.Timers));
        Assert.Same(stored.State, workItem.OrchestrationRuntimeState);
        Assert.True(UnstorableStateOrchestrationService.EndedInstead(workItem));
        Assert.Equal(OrchestrationStatus.Failed, stored.Record?.OrchestrationStatus);
    }

    [Fact]
    public async Task Complete_StatusAtTheLimit_PassesTheEpisodeOnAsItIs()
    {
        // Arrange: 8,192 characters are 16 KB of UTF-16.
        var (workItem, state) = Episode(status: new string('x', 8_192 - 1) + "é");
        var service = Over(_ => { });

        // Act
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [Scheduled()], [], [], null!, Status());

        // Assert
        var stored = Assert.Single(completions);
        Assert.Same(state, stored.State);
        Assert.Equal(OrchestrationStatus.Running, stored.State.OrchestrationStatus);
        Assert.Equal(1, stored.Outbound);
        Assert.False(UnstorableStateOrchestrationService.EndedInstead(workItem));
    }

    [Fact]
    public async Task Complete_StorageRefusesTheStateAsTooLarge_StoresTheEndOfTheOrchestrationInstead()
    {
        // Arrange: the provider wraps the storage's answer.
        var (workItem, state) = Episode(status: "\"small\"");
        var refused = new InvalidOperationException("An error occurred while communicating with Azure Storage", new RequestFailedException(400, "too large", "PropertyValueTooLarge", null));
        var service = Over(completion =>
        {
            if (completions.Count == 1)
            {
                throw refused;
            }
        });

        // Act
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [Scheduled()], [], [], null!, Status());

        // Assert: the second completion is the failure, with the history of the first and one more event.
        Assert.Equal(2, completions.Count);
        var failed = completions[1].State;
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
        Assert.Contains("the storage refused it as too large (PropertyValueTooLarge)", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.OrchestratorCompleted, EventType.OrchestratorStarted, EventType.TaskScheduled, EventType.ExecutionCompleted, EventType.OrchestratorCompleted],
            failed.Events.Select(historyEvent => historyEvent.EventType));
        Assert.Equal(4, failed.NewEvents.Count);
        Assert.Equal(0, completions[1].Outbound);
    }

    [Fact]
    public async Task Complete_StorageFailsOtherwise_Throws()
    {
        // Arrange
        var (workItem, state) = Episode(status: "\"small\"");
        var unavailable = new RequestFailedException(503, "Server busy", "ServerBusy", null);
        var service = Over(_ => throw unavailable);

        // Act
        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() =>
            service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [], [], [], null!, Status()));

        // Assert
        Assert.Same(unavailable, thrown);
        Assert.Single(completions);
    }

    [Fact]
    public async Task Complete_EpisodeThatEndsTheOrchestrationWithAStatusOverTheLimit_EndsItOnceAsFailed()
    {
        // Arrange: the orchestration completes in this episode, with a large status.
        var (workItem, state) = Episode(status: new string('x', 20_000), completes: true);
        var service = Over(_ => { });

        // Act
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [], [], [], null!, Status());

        // Assert
        var failed = Assert.Single(completions).State;
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
        var ended = Assert.Single(failed.Events.OfType<ExecutionCompletedEvent>());
        Assert.Equal(OrchestrationStatus.Failed, ended.OrchestrationStatus);
        Assert.Equal(EventType.OrchestratorCompleted, failed.Events[^1].EventType);
    }

    private UnstorableStateOrchestrationService Over(Action<Completion> onComplete)
    {
        var inner = new Mock<IOrchestrationService>(MockBehavior.Strict);
        inner
            .Setup(service => service.CompleteTaskOrchestrationWorkItemAsync(
                It.IsAny<TaskOrchestrationWorkItem>(),
                It.IsAny<OrchestrationRuntimeState>(),
                It.IsAny<IList<TaskMessage>>(),
                It.IsAny<IList<TaskMessage>>(),
                It.IsAny<IList<TaskMessage>>(),
                It.IsAny<TaskMessage>(),
                It.IsAny<OrchestrationState>()))
            .Returns((TaskOrchestrationWorkItem _, OrchestrationRuntimeState state, IList<TaskMessage> outbound, IList<TaskMessage> _, IList<TaskMessage> timers, TaskMessage _, OrchestrationState record) =>
            {
                var completion = new Completion(state, outbound.Count, timers.Count, record);
                completions.Add(completion);
                onComplete(completion);
                return Task.CompletedTask;
            });
        return new UnstorableStateOrchestrationService(inner.Object, NullLogger<UnstorableStateOrchestrationService>.Instance);
    }

    /// <summary>A stored first episode and a new one that schedules a task (and, if asked, completes).</summary>
    private static (TaskOrchestrationWorkItem WorkItem, OrchestrationRuntimeState State) Episode(string status, bool completes = false)
    {
        var state = new OrchestrationRuntimeState(
        [
            new OrchestratorStartedEvent(-1),
            new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance, Name = "PlanOrchestrator" },
            new OrchestratorCompletedEvent(-1),
        ]);
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(new TaskScheduledEvent(0, "ExecuteStep"));
        if (completes)
        {
            state.AddEvent(new ExecutionCompletedEvent(1, "\"done\"", OrchestrationStatus.Completed));
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        state.Status = status;
        var workItem = new TaskOrchestrationWorkItem { InstanceId = Instance.InstanceId, OrchestrationRuntimeState = state, NewMessages = [] };
        return (workItem, state);
    }

    private static TaskMessage Scheduled() => new() { Event = new TaskScheduledEvent(0, "ExecuteStep"), OrchestrationInstance = Instance };

    private static TaskMessage Timer() => new() { Event = new TimerFiredEvent(-1, DateTime.UtcNow), OrchestrationInstance = Instance };

    private static OrchestrationState Status() => new() { OrchestrationInstance = Instance, OrchestrationStatus = OrchestrationStatus.Running };

    private sealed record Completion(OrchestrationRuntimeState State, int Outbound, int Timers, OrchestrationState? Record);
}
