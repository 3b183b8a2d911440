using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Storage;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.UnitTests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ExecutionPlans.UnitTests.Execution;

public class ExecutionPlanExecutorTests
{
    private static readonly PlanTool Echo = PlanTool.Create((string text) => $"echo:{text}", "echo", "Echoes its text.");

    private static ExecutionPlanExecutor CreateExecutor(
        ToolCatalog catalog,
        TimeProvider? timeProvider = null,
        IExecutionPlanStore? store = null) =>
        new(catalog, timeProvider ?? TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance, store);

    private static ExecutionStep EchoStep(string id, string text) =>
        TestPlans.Step(id, "echo", new JsonObject { ["text"] = text });

    [Theory]
    [InlineData(PlanStatus.Approved, false)]
    [InlineData(PlanStatus.PendingApproval, true)]
    [InlineData(PlanStatus.Draft, false)]
    public async Task ExecutePlanAsync_NotApproved_ThrowsPlanStateExceptionAndRunsNothing(PlanStatus status, bool userApproved)
    {
        var calls = 0;
        var tool = PlanTool.Create(() => (++calls).ToString(CultureInfo.InvariantCulture), "count", "Counts calls.");
        var executor = CreateExecutor(new ToolCatalog(tool));
        var plan = TestPlans.Approved(TestPlans.Step("s1", "count"));
        plan.Status = status;
        plan.UserApproved = userApproved;

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => executor.ExecutePlanAsync(plan));

        Assert.Contains("approved", exception.Message, StringComparison.Ordinal);
        Assert.Equal(TestPlans.PlanId, exception.TaskId);
        Assert.Equal(0, calls);
        Assert.Null(executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Theory]
    [InlineData(PlanStatus.Completed)]
    [InlineData(PlanStatus.Failed)]
    [InlineData(PlanStatus.Cancelled)]
    public async Task ExecutePlanAsync_FinalPlan_ThrowsPlanStateException(PlanStatus status)
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        var plan = TestPlans.Approved(EchoStep("s1", "a"));
        plan.Status = status;

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => executor.ExecutePlanAsync(plan));

        Assert.Contains("already", exception.Message, StringComparison.Ordinal);
        Assert.Equal(status, exception.Status);
    }

    [Fact]
    public async Task ExecutePlanAsync_StepNotPending_ThrowsPlanStateExceptionNamingTheStep()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        var plan = TestPlans.Approved(EchoStep("s1", "a"), EchoStep("s2", "b"));
        plan.Steps[1].Status = StepStatus.Succeeded;

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => executor.ExecutePlanAsync(plan));

        Assert.Contains("Step 's2'", exception.Message, StringComparison.Ordinal);
        Assert.Null(executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task ExecutePlanAsync_SameTaskIdAlreadyRunning_ThrowsPlanStateException()
    {
        var gated = new GatedTool();
        var executor = CreateExecutor(new ToolCatalog(gated.Tool));
        var plan = TestPlans.Approved(GatedTool.Step("s1"));
        var running = executor.ExecutePlanAsync(plan);
        await gated.EnteredAsync("s1");

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => executor.ExecutePlanAsync(plan));

        gated.Release("s1");
        var result = await running.WaitAsync(TestPlans.Patience);
        Assert.Contains("already running", exception.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.Equal(1, gated.Calls);
    }

    [Fact]
    public async Task ExecutePlanAsync_StepParameters_ReachTheToolExactly()
    {
        var received = new List<(string Name, int Count, bool Loud, string[] Tags)>();
        var tool = PlanTool.Create(
            (string name, int count, bool loud, string[] tags) =>
            {
                received.Add((name, count, loud, tags));
                return "ok";
            },
            "greet",
            "Greets someone.");
        var executor = CreateExecutor(new ToolCatalog(tool));
        var plan = TestPlans.Approved(
            TestPlans.Step("s1", "greet", new JsonObject { ["name"] = "Ada", ["count"] = 3, ["loud"] = true, ["tags"] = new JsonArray("x", "y") }),
            TestPlans.Step("s2", "greet", new JsonObject { ["name"] = "Grace Hopper", ["count"] = -1, ["loud"] = false, ["tags"] = new JsonArray() }));

        await executor.ExecutePlanAsync(plan);

        Assert.Equal(2, received.Count);
        Assert.Equal(("Ada", 3, true), (received[0].Name, received[0].Count, received[0].Loud));
        Assert.Equal(["x", "y"], received[0].Tags);
        Assert.Equal(("Grace Hopper", -1, false), (received[1].Name, received[1].Count, received[1].Loud));
        Assert.Empty(received[1].Tags);
    }

    [Fact]
    public async Task ExecutePlanAsync_AllStepsSucceed_RecordsOutputsAndCompletes()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        var plan = TestPlans.Approved(EchoStep("s1", "one"), EchoStep("s2", "two"));

        var result = await executor.ExecutePlanAsync(plan);

        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.Null(result.Error);
        Assert.All(result.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal(["echo:one", "echo:two"], result.Steps.Select(s => s.Output));
        Assert.Equal(PlanStatus.Completed, executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task ExecutePlanAsync_Plan_LeavesTheCallersPlanUnchanged()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        var plan = TestPlans.Approved(EchoStep("s1", "one"));

        var result = await executor.ExecutePlanAsync(plan);

        Assert.NotSame(plan, result);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal(StepStatus.Pending, plan.Steps[0].Status);
        Assert.Null(plan.Steps[0].Output);
    }

    [Fact]
    public async Task ExecutePlanAsync_UnknownTool_FailsThePlanWithoutRunningAnyStep()
    {
        var calls = 0;
        var tool = PlanTool.Create(() => (++calls).ToString(CultureInfo.InvariantCulture), "count", "Counts calls.");
        var executor = CreateExecutor(new ToolCatalog(tool));
        var plan = TestPlans.Approved(TestPlans.Step("s1", "count"), TestPlans.Step("s2", "teleport"));

        var result = await executor.ExecutePlanAsync(plan);

        Assert.Equal(PlanStatus.Failed, result.Status);
        Assert.Contains("teleport", result.Error, StringComparison.Ordinal);
        Assert.All(result.Steps, s => Assert.Equal(StepStatus.Skipped, s.Status));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ExecutePlanAsync_ToolThrows_FailsThePlanSkipsTheRestAndKeepsEarlierResults()
    {
        var thirdRan = false;
        var failing = PlanTool.Create(string () => throw new InvalidOperationException("disk full"), "fail", "Always fails.");
        var third = PlanTool.Create(() => { thirdRan = true; return "ran"; }, "third", "Must not run.");
        var executor = CreateExecutor(new ToolCatalog(Echo, failing, third));
        var plan = TestPlans.Approved(EchoStep("s1", "one"), TestPlans.Step("s2", "fail"), TestPlans.Step("s3", "third"));

        var result = await executor.ExecutePlanAsync(plan);

        Assert.Equal(PlanStatus.Failed, result.Status);
        Assert.Equal("Step 2 ('s2') failed: disk full", result.Error);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped], result.Steps.Select(s => s.Status));
        Assert.Equal("echo:one", result.Steps[0].Output);
        Assert.Equal("disk full", result.Steps[1].Error);
        Assert.False(thirdRan);
    }

    [Fact]
    public async Task CancelPlan_WhileAStepRuns_ShowsCancellingUntilTheStepFinishesThenCancelled()
    {
        // Arrange
        var gated = new GatedTool();
        var secondRan = false;
        var second = PlanTool.Create(() => { secondRan = true; return "ran"; }, "second", "Must not run.");
        var executor = CreateExecutor(new ToolCatalog(gated.Tool, second));
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1"), TestPlans.Step("s2", "second")));
        await gated.EnteredAsync("s1");

        // Act
        var cancelled = executor.CancelPlan(TestPlans.PlanId);
        var status = executor.GetPlanStatus(TestPlans.PlanId);
        var live = executor.GetPlan(TestPlans.PlanId)!;
        var cancelledAgain = executor.CancelPlan(TestPlans.PlanId);
        var endedWhileTheToolRan = running.IsCompleted;
        gated.Release("s1", "finished after the cancel");
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(cancelled);
        Assert.False(cancelledAgain);
        Assert.Equal(PlanStatus.Cancelling, status);
        Assert.Equal((PlanStatus.Cancelling, StepStatus.Running), (live.Status, live.Steps[0].Status));
        Assert.False(endedWhileTheToolRan);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal(ExecutionPlanExecutor.PlanCancelledMessage, result.Error);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Skipped], result.Steps.Select(s => s.Status));
        Assert.Equal("finished after the cancel", result.Steps[0].Output);
        Assert.Equal("Not run: the plan was cancelled.", result.Steps[1].Error);
        Assert.False(gated.TokenOf("s1").IsCancellationRequested);
        Assert.False(secondRan);
        Assert.Equal(PlanStatus.Cancelled, executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task CancelPlan_RunningStepFailsAfterTheCancel_KeepsItsErrorAndEndsCancelled()
    {
        // Arrange
        var gated = new GatedTool();
        var executor = CreateExecutor(new ToolCatalog(gated.Tool, Echo));
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1"), EchoStep("s2", "never")));
        await gated.EnteredAsync("s1");

        // Act
        executor.CancelPlan(TestPlans.PlanId);
        gated.Fail("s1", "disk full");
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal(ExecutionPlanExecutor.PlanCancelledMessage, result.Error);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], result.Steps.Select(s => s.Status));
        Assert.Equal("disk full", result.Steps[0].Error);
    }

    [Fact]
    public async Task CancelPlan_NoStepRunning_CancelsAtOnce()
    {
        // Arrange: the save after the plan starts holds the run before its first step.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new Mock<IExecutionPlanStore>();
        store.Setup(s => s.SaveAsync(It.IsAny<ExecutionPlan>(), It.IsAny<CancellationToken>()))
            .Returns((ExecutionPlan saved, CancellationToken _) =>
            {
                if (saved.Status != PlanStatus.Executing)
                {
                    return Task.CompletedTask;
                }

                started.TrySetResult();
                return proceed.Task;
            });
        var gated = new GatedTool();
        var executor = CreateExecutor(new ToolCatalog(gated.Tool), store: store.Object);
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1"), GatedTool.Step("s2")));
        await started.Task.WaitAsync(TestPlans.Patience);

        // Act
        var cancelled = executor.CancelPlan(TestPlans.PlanId);
        var status = executor.GetPlanStatus(TestPlans.PlanId);
        proceed.SetResult();
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(cancelled);
        Assert.Equal(PlanStatus.Cancelled, status);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.All(result.Steps, s => Assert.Equal((StepStatus.Skipped, "Not run: the plan was cancelled."), (s.Status, s.Error)));
        Assert.Equal(0, gated.Calls);
    }

    [Fact]
    public async Task CancelPlan_PlanNotRunning_ReturnsFalse()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        await executor.ExecutePlanAsync(TestPlans.Approved(EchoStep("s1", "one")));

        Assert.False(executor.CancelPlan(TestPlans.PlanId));
        Assert.False(executor.CancelPlan("unknown"));
        Assert.Equal(PlanStatus.Completed, executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task ExecutePlanAsync_CallerTokenCancelled_CancelsTheToolsTokenAndFailsTheStep()
    {
        // Arrange
        var gated = new GatedTool(honourToken: true);
        var executor = CreateExecutor(new ToolCatalog(gated.Tool, Echo));
        using var cancellation = new CancellationTokenSource();
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1"), EchoStep("s2", "never")), cancellation.Token);
        await gated.EnteredAsync("s1");

        // Act
        await cancellation.CancelAsync();
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(gated.TokenOf("s1").IsCancellationRequested);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal(ExecutionPlanExecutor.PlanCancelledMessage, result.Error);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], result.Steps.Select(s => s.Status));
        Assert.Equal(ExecutionPlanExecutor.StepCancelledMessage, result.Steps[0].Error);
    }

    [Fact]
    public async Task ExecutePlanAsync_CallerTokenCancelledAndTheToolIgnoresIt_ReturnsWithoutWaitingAndStaysCancelled()
    {
        // Arrange
        var gated = new GatedTool(honourToken: false);
        var executor = CreateExecutor(new ToolCatalog(gated.Tool));
        using var cancellation = new CancellationTokenSource();
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1")), cancellation.Token);
        await gated.EnteredAsync("s1");

        // Act
        await cancellation.CancelAsync();
        var result = await running.WaitAsync(TestPlans.Patience);
        var toolEndedFirst = gated.HasFinished("s1");
        gated.Release("s1", "finished late");
        await gated.FinishedAsync("s1");

        // Assert
        Assert.False(toolEndedFirst);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal((StepStatus.Failed, ExecutionPlanExecutor.StepCancelledMessage), (result.Steps[0].Status, result.Steps[0].Error));
        var later = executor.GetPlan(TestPlans.PlanId)!;
        Assert.Equal(PlanStatus.Cancelled, later.Status);
        Assert.Null(later.Steps[0].Output);
    }

    [Fact]
    public async Task ExecutePlanAsync_CallerTokenCancelledWhileCancelling_StopsTheRunningTool()
    {
        // Arrange
        var gated = new GatedTool(honourToken: true);
        var executor = CreateExecutor(new ToolCatalog(gated.Tool));
        using var cancellation = new CancellationTokenSource();
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("s1")), cancellation.Token);
        await gated.EnteredAsync("s1");
        executor.CancelPlan(TestPlans.PlanId);

        // Act
        await cancellation.CancelAsync();
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(gated.TokenOf("s1").IsCancellationRequested);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal((StepStatus.Failed, ExecutionPlanExecutor.StepCancelledMessage), (result.Steps[0].Status, result.Steps[0].Error));
    }

    [Fact]
    public async Task ExecutePlanAsync_CallerTokenAlreadyCancelled_ThrowsAndRunsNothing()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => executor.ExecutePlanAsync(TestPlans.Approved(EchoStep("s1", "one")), cancellation.Token));

        Assert.Null(executor.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task GetPlanStatus_ReadConcurrentlyDuringExecution_SeesConsistentSnapshots()
    {
        const int StepCount = 25;
        using var readerTick = new SemaphoreSlim(0);
        var tool = PlanTool.Create(
            async (int n, CancellationToken ct) =>
            {
                // Each step waits for a reader, so reads and steps interleave.
                await readerTick.WaitAsync(ct);
                return $"out{n}";
            },
            "wait",
            "Waits for a reader.");
        var executor = CreateExecutor(new ToolCatalog(tool));
        var plan = TestPlans.Approved([.. Enumerable.Range(0, StepCount).Select(n => TestPlans.Step($"s{n}", "wait", new JsonObject { ["n"] = n }))]);
        var problems = new ConcurrentQueue<string>();
        var executingSeen = 0;

        var running = executor.ExecutePlanAsync(plan);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!running.IsCompleted)
            {
                var status = executor.GetPlanStatus(TestPlans.PlanId);
                var snapshot = executor.GetPlan(TestPlans.PlanId);
                if (snapshot is not null && CheckSnapshot(snapshot) is { } problem)
                {
                    problems.Enqueue(problem);
                }

                if (status == PlanStatus.Executing)
                {
                    Interlocked.Increment(ref executingSeen);
                }

                if (readerTick.CurrentCount == 0)
                {
                    readerTick.Release();
                }

                // Two cores are shared with the executor; do not starve it.
                await Task.Yield();
            }
        })).ToArray();
        var result = await running.WaitAsync(TestPlans.Patience);
        await Task.WhenAll(readers).WaitAsync(TestPlans.Patience);

        Assert.Empty(problems);
        Assert.True(executingSeen > 0);
        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.Equal(Enumerable.Range(0, StepCount).Select(n => $"out{n}"), result.Steps.Select(s => s.Output));
    }

    [Fact]
    public async Task ExecutePlanAsync_ClockMovesDuringSteps_TouchesUpdatedAtOnEveryChange()
    {
        var start = TestPlans.Created.AddHours(1);
        var clock = new ManualTimeProvider(start);
        var tick = PlanTool.Create(() => { clock.Advance(TimeSpan.FromMinutes(1)); return "tick"; }, "tick", "Moves the clock.");
        var saved = new List<ExecutionPlan>();
        var store = new Mock<IExecutionPlanStore>();
        store.Setup(s => s.SaveAsync(It.IsAny<ExecutionPlan>(), It.IsAny<CancellationToken>()))
            .Callback<ExecutionPlan, CancellationToken>((p, _) => saved.Add(p.Clone()))
            .Returns(Task.CompletedTask);
        var executor = CreateExecutor(new ToolCatalog(tick), clock, store.Object);

        var result = await executor.ExecutePlanAsync(TestPlans.Approved(TestPlans.Step("s1", "tick"), TestPlans.Step("s2", "tick")));

        Assert.Equal(start.AddMinutes(2), result.UpdatedAt);
        Assert.Equal(TestPlans.Created, result.CreatedAt);
        Assert.Equal(start, saved.First(p => p.Status == PlanStatus.Executing).UpdatedAt);
        Assert.Equal(start.AddMinutes(1), saved.First(p => p.Steps[0].Status == StepStatus.Succeeded).UpdatedAt);
    }

    [Fact]
    public async Task ExecutePlanAsync_WithStore_SavesProgressWhenEachStepStartsAndEnds()
    {
        var saved = new List<ExecutionPlan>();
        var store = new Mock<IExecutionPlanStore>();
        store.Setup(s => s.SaveAsync(It.IsAny<ExecutionPlan>(), It.IsAny<CancellationToken>()))
            .Callback<ExecutionPlan, CancellationToken>((p, _) => saved.Add(p.Clone()))
            .Returns(Task.CompletedTask);
        var executor = CreateExecutor(new ToolCatalog(Echo), store: store.Object);

        var result = await executor.ExecutePlanAsync(TestPlans.Approved(EchoStep("s1", "one"), EchoStep("s2", "two")));

        string[] expected =
        [
            "executing pending,pending",
            "executing running,pending",
            "executing succeeded,pending",
            "executing succeeded,running",
            "executing succeeded,succeeded",
            "completed succeeded,succeeded",
        ];
        Assert.Equal(expected, saved.Select(Describe));
        Assert.Equal("echo:one", saved[2].Steps[0].Output);
        Assert.Equal(result.UpdatedAt, saved[^1].UpdatedAt);
    }

    [Fact]
    public async Task ExecutePlanAsync_PlanApprovedWithoutAPersonThroughTheInternalEntry_Runs()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        var plan = TestPlans.Approved(EchoStep("s1", "one"));
        plan.UserApproved = false;

        var result = await executor.ExecutePlanAsync(plan, requireUserApproval: false, CancellationToken.None);

        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.False(result.UserApproved);
    }

    [Fact]
    public async Task GetPlan_ResultChanged_DoesNotChangeTheExecutorsPlan()
    {
        var executor = CreateExecutor(new ToolCatalog(Echo));
        await executor.ExecutePlanAsync(TestPlans.Approved(EchoStep("s1", "one")));

        var copy = executor.GetPlan(TestPlans.PlanId)!;
        copy.Status = PlanStatus.Failed;

        Assert.Equal(PlanStatus.Completed, executor.GetPlanStatus(TestPlans.PlanId));
        Assert.Null(executor.GetPlan("unknown"));
        Assert.Null(executor.GetPlanStatus("unknown"));
    }

    [Fact]
    public async Task GetPlanStatus_MoreFinishedRunsThanKept_ForgetsTheOldest()
    {
        var executor = new ExecutionPlanExecutor(new ToolCatalog(Echo), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance)
        {
            FinishedRunsKept = 2,
        };
        foreach (var taskId in new[] { "a", "b", "c" })
        {
            var plan = TestPlans.Approved(EchoStep("s1", taskId));
            plan.TaskId = taskId;
            await executor.ExecutePlanAsync(plan);
        }

        Assert.Null(executor.GetPlanStatus("a"));
        Assert.Equal(PlanStatus.Completed, executor.GetPlanStatus("b"));
        Assert.Equal(PlanStatus.Completed, executor.GetPlanStatus("c"));
    }

    private static string Describe(ExecutionPlan plan) =>
        $"{plan.Status.ToWireName()} {string.Join(",", plan.Steps.Select(s => s.Status.ToString().ToLowerInvariant()))}";

    private static string? CheckSnapshot(ExecutionPlan plan)
    {
        var statuses = plan.Steps.Select(s => s.Status).ToList();
        var succeeded = statuses.TakeWhile(s => s == StepStatus.Succeeded).Count();
        var rest = statuses.Skip(succeeded).ToList();
        var running = rest.TakeWhile(s => s == StepStatus.Running).Count();
        if (running > 1 || rest.Skip(running).Any(s => s != StepStatus.Pending))
        {
            return $"Steps out of order: {string.Join(",", statuses)}";
        }

        for (var index = 0; index < succeeded; index++)
        {
            if (plan.Steps[index].Output != $"out{index}")
            {
                return $"Step {index} succeeded without its output.";
            }
        }

        if (plan.Status == PlanStatus.Completed && succeeded != plan.Steps.Count)
        {
            return "Completed with steps not succeeded.";
        }

        return plan.Status is PlanStatus.Approved or PlanStatus.Executing or PlanStatus.Completed
            ? null
            : $"Unexpected status {plan.Status}.";
    }
}
