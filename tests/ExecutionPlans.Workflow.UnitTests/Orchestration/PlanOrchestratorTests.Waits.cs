using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Wait steps: a durable timer in the workflow, a running step while it waits, ended by a cancel.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_WaitStep_WaitsOnADurableTimerThenRunsTheNextStep()
    {
        // Arrange
        var fake = Fakes.Context();
        var plan = TestPlans.Plan("Wait, then check", WaitStep("w", "PT10M"), TestPlans.Step("check"));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));
        var timer = Assert.Single(fake.Timers);
        var waiting = fake.LastStatus;
        var callsBeforeTimer = fake.CallsOf(nameof(ExecuteStepActivity)).Count;

        // Act
        fake.Fire(timer);

        // Assert
        Assert.Equal(timer.CreatedAt.AddMinutes(10), timer.FireAt);
        Assert.Equal(0, callsBeforeTimer);
        Assert.Equal((StepStatus.Running, StepStatus.Pending), (waiting.Steps[0].Status, waiting.Steps[1].Status));
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal((StepStatus.Succeeded, "waited 10 minutes"), (output.Steps[0].Status, output.Steps[0].Output));
        Assert.Equal(["check"], fake.CallsOf(nameof(ExecuteStepActivity)).Select(call => StepOf(call).Id));
        Assert.Equal(1, Assert.Single(output.Steps[0].Attempts!).Number);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_CancelDuringAWait_CancelsTheTimerAndEndsThePlanWithoutTheNextStep()
    {
        // Arrange
        var fake = Fakes.Context();
        var plan = TestPlans.Plan("Wait, then check", WaitStep("w", "PT10M"), TestPlans.Step("check"));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));
        var timer = Assert.Single(fake.Timers);

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "not now", by = "bob" });

        // Assert
        var output = fake.Output;
        Assert.True(timer.WasCancelled);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal(StepStatus.Failed, output.Steps[0].Status);
        Assert.StartsWith("Cancelled after waiting", output.Steps[0].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Skipped, output.Steps[1].Status);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_WaitWhoseReferencedDurationIsNotOne_FailsTheStepWithoutATimer()
    {
        // Arrange: the duration comes from an echo step, whose output is no duration.
        var fake = Fakes.Context();
        var plan = TestPlans.Plan("Wait as long as s1 says", TestPlans.Step("s1"), WaitStep("w", "{{steps.s1.output}}"), TestPlans.Step("check"));

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));

        // Assert
        var output = fake.Output;
        Assert.Empty(fake.Timers);
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("The duration 'output of s1' is not a positive ISO 8601 duration such as PT30S, PT10M or PT2H.", output.Steps[1].Error);
        Assert.Equal(StepStatus.Skipped, output.Steps[2].Status);
    }

    [Fact]
    public void RunAsync_TooManyWaitsForTheParallelLimit_StartsTheNextOnlyWhenOneEnds()
    {
        // Arrange: two waits that need nothing before them, one place to run.
        var fake = Fakes.Context();
        var second = WaitStep("w2", "PT5M");
        second.DependsOn = [];
        var plan = TestPlans.Plan("Two waits", WaitStep("w1", "PT10M"), second);
        var input = TestPlans.Given(plan, requireApproval: false);
        input.MaxParallelSteps = 1;
        fake.Start(new PlanOrchestrator(), input);
        var timersBefore = fake.Timers.Count;

        // Act
        fake.Fire(fake.Timers[0]);

        // Assert
        Assert.Equal(1, timersBefore);
        Assert.Equal(2, fake.Timers.Count);
        Assert.Equal(fake.Timers[1].CreatedAt.AddMinutes(5), fake.Timers[1].FireAt);
        fake.Fire(fake.Timers[1]);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
    }

    [Fact]
    public void RunAsync_WaitRunningWhenTheExecutionHasStartedItsShare_HandsOverOnlyAfterTheTimerFires()
    {
        // Arrange: a wait beside a chain longer than one execution's share of steps.
        var fake = Fakes.Context();
        var chain = Enumerable.Range(1, PlanWorkflowRun.MaxStepsPerExecution + 2).Select(n => TestPlans.Step($"s{n}")).ToList();
        chain[0].DependsOn = [];
        var plan = TestPlans.Plan("Wait beside a long chain", [WaitStep("w", "PT1H"), .. chain]);
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));
        var executionsWhileWaiting = fake.Executions;
        var callsWhileWaiting = fake.CallsOf(nameof(ExecuteStepActivity)).Count;

        // Act
        fake.Fire(Assert.Single(fake.Timers));

        // Assert: the wait kept the first execution going; the next one took the rest with the wait's result.
        Assert.Equal(1, executionsWhileWaiting);
        Assert.Equal(PlanWorkflowRun.MaxStepsPerExecution - 1, callsWhileWaiting);
        Assert.Equal(2, fake.Executions);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(chain.Count, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
        Assert.Empty(fake.Violations);
    }

    private static ExecutionStep WaitStep(string id, string duration) =>
        TestPlans.Step(id, WaitTool.ToolName, new JsonObject { ["duration"] = duration });
}
