using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExecutionPlans.UnitTests.Execution;

/// <summary>The in-process executor tries steps again as the durable workflow does, and ends attempts on time.</summary>
public sealed class ExecutionPlanExecutorRetryTests
{
    private static readonly StepRetryPolicy Quick = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task ExecutePlanAsync_FailureThatMayPass_IsTriedAgainUntilItSucceedsWithTheAttemptsRecorded()
    {
        // Arrange: the tool fails twice with a failure that may pass, then answers.
        var calls = new List<ToolCallContext>();
        var tool = new ContextTool("flaky", (context, _) =>
        {
            calls.Add(context);
            return calls.Count < 3 ? throw new ToolExecutionException("HTTP 503") { IsTransient = true } : Task.FromResult("ok");
        });
        var step = TestPlans.Step("s1", "flaky", []);
        step.Retry = Quick;
        var executor = new ExecutionPlanExecutor(new ToolCatalog(tool), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(step));

        // Assert
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal("ok", done.Steps[0].Output);
        Assert.Equal([(1, "HTTP 503", true), (2, "HTTP 503", true), (3, (string?)null, false)], done.Steps[0].Attempts!.Select(a => (a.Number, a.Error, a.Transient)));
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        Assert.All(calls, context => Assert.Equal($"{TestPlans.PlanId}.s1", context.IdempotencyKey));
    }

    [Fact]
    public async Task ExecutePlanAsync_FailureThatWillNotPass_FailsAtOnce()
    {
        // Arrange
        var calls = 0;
        var tool = new ContextTool("broken", (_, _) =>
        {
            calls++;
            throw new ToolExecutionException("HTTP 404");
        });
        var step = TestPlans.Step("s1", "broken", []);
        step.Retry = Quick;
        var executor = new ExecutionPlanExecutor(new ToolCatalog(tool), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(step));

        // Assert
        Assert.Equal((PlanStatus.Failed, 1, "HTTP 404"), (done.Status, calls, done.Steps[0].Error));
        Assert.False(Assert.Single(done.Steps[0].Attempts!).Transient);
    }

    [Fact]
    public async Task ExecutePlanAsync_AttemptOutlastsTheTimeout_EndsOnTimeAndIsTriedAgain()
    {
        // Arrange: a tool that never answers and ignores its token; 20 ms per attempt, two attempts.
        var tool = new ContextTool("stuck", (_, _) => new TaskCompletionSource<string>().Task);
        var step = TestPlans.Step("s1", "stuck", []);
        step.Timeout = TimeSpan.FromMilliseconds(20);
        step.Retry = new StepRetryPolicy { MaxAttempts = 2, FirstDelay = TimeSpan.FromMilliseconds(10) };
        var executor = new ExecutionPlanExecutor(new ToolCatalog(tool), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(step));

        // Assert
        Assert.Equal(PlanStatus.Failed, done.Status);
        Assert.Equal(2, done.Steps[0].Attempts!.Count);
        Assert.All(done.Steps[0].Attempts!, a => Assert.Contains("timed out after PT0.02S", a.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelPlan_WhileAStepWaitsToBeTriedAgain_EndsTheWaitAndThePlanCancelled()
    {
        // Arrange: the first attempt fails; the next one would come an hour later.
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var tool = new ContextTool("slow-to-recover", (_, _) =>
        {
            calls++;
            failed.TrySetResult();
            throw new ToolExecutionException("HTTP 503") { IsTransient = true };
        });
        var step = TestPlans.Step("s1", "slow-to-recover", []);
        step.Retry = new StepRetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) };
        var executor = new ExecutionPlanExecutor(new ToolCatalog(tool), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);
        var running = executor.ExecutePlanAsync(TestPlans.Approved(step, TestPlans.Step("s2", "slow-to-recover", [])));
        await failed.Task.WaitAsync(PlanWaits.Deadline);

        // Act
        Assert.True(executor.CancelPlan(TestPlans.PlanId));
        var done = await running.WaitAsync(PlanWaits.Deadline);

        // Assert
        Assert.Equal(PlanStatus.Cancelled, done.Status);
        Assert.Equal(1, calls);
        Assert.Equal((StepStatus.Failed, "HTTP 503"), (done.Steps[0].Status, done.Steps[0].Error));
        Assert.Equal(StepStatus.Skipped, done.Steps[1].Status);
    }

    /// <summary>A tool that sees which plan, step and attempt it runs for.</summary>
    private sealed class ContextTool(string name, Func<ToolCallContext, JsonObject, Task<string>> action) : PlanTool
    {
        public override string Name => name;

        public override string Description => $"The {name} test tool.";

        public override System.Text.Json.JsonElement ParametersSchema { get; } = System.Text.Json.JsonDocument.Parse("""{"type": "object"}""").RootElement.Clone();

        public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The executor tells the tool which step it runs for.");

        public override Task<string> ExecuteAsync(JsonObject parameters, ToolCallContext context, CancellationToken cancellationToken) =>
            action(context, parameters);
    }
}
