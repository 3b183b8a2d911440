using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.UnitTests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.UnitTests.Execution;

public sealed class ExecutionPlanExecutorParallelTests
{
    private static ExecutionPlanExecutor CreateExecutor(ToolCatalog catalog, int maxParallelSteps) =>
        new(catalog, TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance, store: null, Options.Create(new ExecutionOptions { MaxParallelSteps = maxParallelSteps }));

    private static string Describe(ExecutionPlan plan) => string.Join(",", plan.Steps.Select(s => s.Status.ToString().ToLowerInvariant()));

    [Fact]
    public async Task ExecutePlanAsync_IndependentSteps_RunUpToMaxParallelStepsAtOnce()
    {
        // Arrange
        var gated = new GatedTool();
        var executor = CreateExecutor(new ToolCatalog(gated.Tool), maxParallelSteps: 2);
        var plan = TestPlans.Approved([.. new[] { "a", "b", "c", "d", "e" }.Select(id => GatedTool.Step(id, dependsOn: []))]);

        // Act: each release frees a slot for the next step in plan order.
        var running = executor.ExecutePlanAsync(plan);
        await gated.EnteredAsync("a");
        await gated.EnteredAsync("b");
        var whileTwoRun = executor.GetPlan(TestPlans.PlanId)!;
        foreach (var (done, next) in new[] { ("a", "c"), ("b", "d"), ("c", "e") })
        {
            gated.Release(done);
            await gated.EnteredAsync(next);
        }

        gated.Release("d");
        gated.Release("e");
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.Equal("running,running,pending,pending,pending", Describe(whileTwoRun));
        Assert.Equal(2, gated.MaxInFlight);
        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.Equal(["released a", "released b", "released c", "released d", "released e"], result.Steps.Select(s => s.Output));
    }

    [Fact]
    public async Task ExecutePlanAsync_DefaultLimit_RunsEightStepsAtOnce()
    {
        // Arrange: the constructor without options.
        var gated = new GatedTool();
        var executor = new ExecutionPlanExecutor(new ToolCatalog(gated.Tool), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);
        var ids = Enumerable.Range(0, 10).Select(n => $"s{n}").ToList();
        var running = executor.ExecutePlanAsync(TestPlans.Approved([.. ids.Select(id => GatedTool.Step(id, dependsOn: []))]));

        // Act
        foreach (var id in ids.Take(ExecutionOptions.DefaultMaxParallelSteps))
        {
            await gated.EnteredAsync(id);
        }

        var whileEightRun = executor.GetPlan(TestPlans.PlanId)!;
        ids.ForEach(id => gated.Release(id));
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.Equal(8, whileEightRun.Steps.Count(s => s.Status == StepStatus.Running));
        Assert.Equal(2, whileEightRun.Steps.Count(s => s.Status == StepStatus.Pending));
        Assert.Equal(ExecutionOptions.DefaultMaxParallelSteps, gated.MaxInFlight);
        Assert.Equal(PlanStatus.Completed, result.Status);
    }

    [Fact]
    public async Task ExecutePlanAsync_OneBranchFails_TheRunningSiblingFinishesWithItsResultAndTheRestIsSkipped()
    {
        // Arrange: "slow" and "boom" start together; "next" would be ready once "slow" succeeds.
        var gated = new GatedTool();
        var boom = PlanTool.Create(string () => throw new InvalidOperationException("disk full"), "boom", "Always fails.");
        var nextRan = false;
        var next = PlanTool.Create(() => { nextRan = true; return "ran"; }, "next", "Must not run.");
        var executor = CreateExecutor(new ToolCatalog(gated.Tool, boom, next), maxParallelSteps: 8);
        var failing = TestPlans.Step("boom", "boom");
        failing.DependsOn = [];
        var after = TestPlans.Step("next", "next");
        after.DependsOn = ["slow"];
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("slow", dependsOn: []), failing, after));
        await gated.EnteredAsync("slow");

        // Act
        var whileSlowRuns = await Poll.UntilAsync(
            () => executor.GetPlan(TestPlans.PlanId) is { } plan && plan.Steps[1].Status == StepStatus.Failed ? plan : null,
            limit => $"Step 'boom' did not fail within {limit}.");
        gated.Release("slow", "slow result");
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.Equal((PlanStatus.Executing, "running,failed,pending"), (whileSlowRuns.Status, Describe(whileSlowRuns)));
        Assert.Equal(PlanStatus.Failed, result.Status);
        Assert.Equal("Step 2 ('boom') failed: disk full", result.Error);
        Assert.Equal("succeeded,failed,skipped", Describe(result));
        Assert.Equal("slow result", result.Steps[0].Output);
        Assert.False(nextRan);
    }
}
