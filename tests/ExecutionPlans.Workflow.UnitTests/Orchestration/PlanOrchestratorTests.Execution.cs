using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Execution: step results, failures and cancellation.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_EachStepCompletingInItsOwnEpisode_ShowsProgressAfterEveryStep()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));

        // Act
        fake.Raise(PlanEvents.Approved, true);
        var afterApproval = fake.VisibleStatuses[^1];
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(true, "output of s1", null));
        var afterFirstStep = fake.VisibleStatuses[^1];
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[1], new StepResult(true, "output of s2", null));

        // Assert
        Assert.Equal((PlanStatus.Executing, StepStatus.Running, StepStatus.Pending), (afterApproval.Status, afterApproval.Steps[0].Status, afterApproval.Steps[1].Status));
        Assert.True(afterApproval.UserApproved);
        Assert.Equal((PlanStatus.Executing, StepStatus.Succeeded, StepStatus.Running), (afterFirstStep.Status, afterFirstStep.Steps[0].Status, afterFirstStep.Steps[1].Status));
        Assert.Equal("output of s1", afterFirstStep.Steps[0].Output);
        var last = fake.VisibleStatuses[^1];
        Assert.Equal(PlanStatus.Completed, last.Status);
        Assert.Equal(["output of s1", "output of s2"], last.Steps.Select(s => s.Output));
        Assert.Equal(
            [PlanStatus.PendingApproval, PlanStatus.Executing, PlanStatus.Executing, PlanStatus.Completed],
            fake.VisibleStatuses.Select(s => s.Status));
    }

    [Fact]
    public void RunAsync_Approved_SchedulesTheFirstStepInTheApprovalEpisode()
    {
        // Arrange: the worker keeps only what an episode does before the orchestrator waits on a durable task.
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));

        // Act
        fake.Raise(PlanEvents.Approved, true);

        // Assert
        var call = Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Equal("s1", call.Input<ExecuteStepRequest>().Step.Id);
        Assert.True(Assert.Single(fake.Timers).WasCancelled);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_StepFails_EndsFailedSkippingTheRest()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(ExecuteStepActivity), call =>
            call.Input<ExecuteStepRequest>().Step.Id == "s2" ? new StepResult(false, null, "Disk full.") : Fakes.Succeeded(call));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf(ThreeSteps)));

        // Act
        fake.Raise(PlanEvents.Approved, true);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("Step 's2' (echo) failed: Disk full.", output.Error);
        Assert.Equal((StepStatus.Succeeded, "output of s1"), (output.Steps[0].Status, output.Steps[0].Output));
        Assert.Equal((StepStatus.Failed, "Disk full."), (output.Steps[1].Status, output.Steps[1].Error));
        Assert.Equal((StepStatus.Skipped, output.Error), (output.Steps[2].Status, output.Steps[2].Error));
        Assert.Equal(2, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
        Assert.Equal(PlanStatus.Failed, fake.LastStatus.Status);
    }

    [Fact]
    public void RunAsync_StepActivityThrows_EndsFailedWithTheFailureMessage()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(ExecuteStepActivity), call => throw OrchestrationContextFake.ActivityFailure(call.Name, "The worker was lost."));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));

        // Act
        fake.Raise(PlanEvents.Approved, true);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("Step 's1' (echo) failed: The worker was lost.", output.Error);
        Assert.Equal((StepStatus.Failed, "The worker was lost."), (output.Steps[0].Status, output.Steps[0].Error));
        Assert.Equal(StepStatus.Skipped, output.Steps[1].Status);
        Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_StepWithTruncatedOutput_KeepsTheMark()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(ExecuteStepActivity), _ => new StepResult(true, new string('o', 8192), null, OutputTruncated: true));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf(ThreeSteps)));

        // Act
        fake.Raise(PlanEvents.Approved, true);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.All(output.Steps, step => Assert.True(step.OutputTruncated));
        Assert.All(fake.StatusJson, json => Assert.True(json.Length * 2 <= OrchestrationContextFake.MaxCustomStatusUtf16Bytes));
    }

    [Fact]
    public void RunAsync_CancelWhileAStepRuns_KeepsItsResultAndStopsBeforeTheNext()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf(ThreeSteps)));
        fake.Raise(PlanEvents.Approved, true);
        var running = Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "Stop now", by = "bob" });
        var whileWaiting = fake.VisibleStatuses[^1];
        fake.Complete(running, new StepResult(true, "output of s1", null));

        // Assert
        Assert.True(whileWaiting.CancelRequested);
        Assert.Equal((PlanStatus.Cancelling, StepStatus.Running), (whileWaiting.Status, whileWaiting.Steps[0].Status));
        Assert.Equal(DecisionKind.Cancel, Assert.Single(whileWaiting.Decisions, d => d.Kind != DecisionKind.Approve).Kind);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Cancelled by bob: Stop now", output.Error);
        Assert.False(output.CancelRequested);
        Assert.Equal((StepStatus.Succeeded, "output of s1"), (output.Steps[0].Status, output.Steps[0].Output));
        Assert.All(output.Steps.Skip(1), step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_CancelWhileTheLastStepRuns_EndsCancelledWithTheStepResult()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));
        fake.Raise(PlanEvents.Approved, true);

        // Act
        fake.Raise(PlanEvents.Cancel, "Stop now");
        fake.Complete(Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity))), new StepResult(true, "output of s1", null));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Cancelled: Stop now", output.Error);
        Assert.Equal((StepStatus.Succeeded, "output of s1"), (output.Steps[0].Status, output.Steps[0].Output));
    }

    [Fact]
    public void RunAsync_CancelDuringGeneration_EndsCancelledWithoutRunningSteps()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(GeneratePlanActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Request("Restart the web app", requireApproval: false));
        var generating = Assert.Single(fake.CallsOf(nameof(GeneratePlanActivity)));

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "Changed my mind" });
        var whileGenerating = fake.LastStatus;
        fake.Complete(generating, GeneratedPlan("Restart the web app"));

        // Assert
        Assert.Equal(PlanStatus.Draft, whileGenerating.Status);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Cancelled: Changed my mind", output.Error);
        Assert.All(output.Steps, step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Equal(DecisionKind.Cancel, Assert.Single(output.Decisions).Kind);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Empty(fake.Timers);
    }

    [Fact]
    public void RunAsync_CancelRaisedBeforeTheOrchestrationListens_IsKeptAndApplied()
    {
        // Arrange: the event arrives before any waiter exists, so the context keeps it for the first one.
        var fake = Fakes.Context();
        fake.Raise(PlanEvents.Cancel, new { reason = "Too early", by = "alice" });

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2"), requireApproval: false));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Cancelled by alice: Too early", output.Error);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Empty(fake.Timers);
    }

    [Fact]
    public void RunAsync_ApprovalRaisedBeforeTheOrchestrationListens_IsKeptAndApplied()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob" });

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));

        // Assert
        var output = fake.Output;
        Assert.Equal((PlanStatus.Completed, true), (output.Status, output.UserApproved));
        Assert.Equal("bob", Assert.Single(output.Decisions).By);
        Assert.True(Assert.Single(fake.Timers).WasCancelled);
    }
}
