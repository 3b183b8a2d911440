using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Steps tried again: the activity says when, the workflow waits on a durable timer, every attempt is recorded.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_FailureThatMayPass_WaitsOnATimerAndTriesAgainUntilItSucceeds()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2"), requireApproval: false));

        // Act: attempt 1 fails with 503, to be tried again in 5 s.
        var first = Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
        fake.Complete(first, new StepResult(false, null, "HTTP 503", Transient: true, RetryIn: TimeSpan.FromSeconds(5)));
        var waiting = fake.LastStatus;
        var timer = Assert.Single(fake.Timers);
        var beforeTimer = fake.CallsOf(nameof(ExecuteStepActivity)).Count;
        fake.Fire(timer);
        var second = fake.CallsOf(nameof(ExecuteStepActivity))[^1];
        fake.Complete(second, new StepResult(true, "ok", null));
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "ok", null));

        // Assert
        Assert.Equal(timer.CreatedAt.AddSeconds(5), timer.FireAt);
        Assert.Equal(1, beforeTimer);
        Assert.Equal((1, 2), (first.Input<ExecuteStepRequest>().Attempt, second.Input<ExecuteStepRequest>().Attempt));
        Assert.Equal("s1", second.Input<ExecuteStepRequest>().Step.Id);
        Assert.Equal(StepStatus.Running, waiting.Steps[0].Status);
        Assert.Equal("HTTP 503", Assert.Single(waiting.Steps[0].Attempts!).Error);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal([(1, "HTTP 503", true), (2, (string?)null, false)], output.Steps[0].Attempts!.Select(a => (a.Number, a.Error, a.Transient)));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_FailureWithNoRetryLeft_FailsThePlanWithTheLastError()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2"), requireApproval: false));

        // Act
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(false, null, "HTTP 503 again", Transient: true, RetryIn: null));

        // Assert
        var output = fake.Output;
        Assert.Empty(fake.Timers);
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("HTTP 503 again", output.Steps[0].Error);
        Assert.Equal(StepStatus.Skipped, output.Steps[1].Status);
    }

    [Fact]
    public void RunAsync_CancelWhileAStepWaitsToBeTriedAgain_EndsTheWaitAndThePlan()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2"), requireApproval: false));
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(false, null, "HTTP 503", Transient: true, RetryIn: TimeSpan.FromMinutes(10)));

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "not now", by = "bob" });

        // Assert: no second attempt; the step keeps its last error.
        var output = fake.Output;
        Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal((StepStatus.Failed, "HTTP 503"), (output.Steps[0].Status, output.Steps[0].Error));
        Assert.Equal(StepStatus.Skipped, output.Steps[1].Status);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_StepsOwnRetryAndTimeout_TravelToTheActivity()
    {
        // Arrange
        var plan = TestPlans.PlanOf("s1");
        plan.Steps[0].Retry = new StepRetryPolicy { MaxAttempts = 5, FirstDelay = TimeSpan.FromSeconds(2) };
        plan.Steps[0].Timeout = TimeSpan.FromSeconds(9);
        var fake = Fakes.Context();

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));

        // Assert
        var sent = Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity))).Input<ExecuteStepRequest>().Step;
        Assert.Equal((5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9)), (sent.Retry!.MaxAttempts, sent.Retry.FirstDelay, sent.Timeout));
        Assert.Equal(5, fake.Output.Steps[0].Retry!.MaxAttempts);
    }
}
