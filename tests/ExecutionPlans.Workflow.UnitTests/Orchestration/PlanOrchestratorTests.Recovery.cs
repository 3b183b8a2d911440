using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>A failed plan, recoverable for a while: run again, changed, or failed for good when the window closes.</summary>
public sealed partial class PlanOrchestratorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(2);

    [Fact]
    public void RunAsync_StepFailsWithARecoveryWindow_StaysFailedAndRecoverableUntilTheWindowCloses()
    {
        // Arrange + Act
        var fake = FailedAtSecondStep(out _);
        var failed = fake.LastStatus;
        var window = fake.Timers[^1];
        fake.Fire(window);

        // Assert
        Assert.Equal(PlanStatus.Failed, failed.Status);
        Assert.Equal(new DateTimeOffset(window.FireAt, TimeSpan.Zero), failed.RecoverableUntil);
        Assert.Equal(window.CreatedAt + Window, window.FireAt);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Null(output.RecoverableUntil);
    }

    [Fact]
    public void RunAsync_RetryOfAFailedPlan_RunsTheFailedAndSkippedStepsOnlyAndCompletes()
    {
        // Arrange
        var fake = FailedAtSecondStep(out var calls);

        // Act
        fake.Raise(PlanEvents.Retry, new { version = 1, decisionId = "retry-1", by = "bob" });

        // Assert: s1 is not called again; s2 and s3 run.
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(["s1", "s2", "s2", "s3"], calls);
        Assert.Equal(["output of s1", "output of s2", "output of s3"], output.Steps.Select(s => s.Output));
        var retry = output.Decisions.Single(d => d.Kind == DecisionKind.Retry);
        Assert.Equal((DecisionOutcome.Applied, "bob"), (retry.Outcome, retry.By));
        Assert.Null(output.Error);
    }

    [Fact]
    public void RunAsync_RetryNamingAnOldVersionOrApprovalWhileFailed_AreRecordedAndChangeNothing()
    {
        // Arrange
        var fake = FailedAtSecondStep(out var calls);

        // Act
        fake.Raise(PlanEvents.Retry, new { version = 7 });
        fake.Raise(PlanEvents.Approved, new { version = 1 });
        var status = fake.LastStatus;

        // Assert
        Assert.Equal(PlanStatus.Failed, status.Status);
        Assert.NotNull(status.RecoverableUntil);
        Assert.Equal(["s1", "s2"], calls);
        Assert.Equal([(DecisionKind.Retry, DecisionOutcome.Stale), (DecisionKind.Approve, DecisionOutcome.Ignored)], status.Decisions.Skip(1).Select(d => (d.Kind, d.Outcome)));
    }

    [Fact]
    public void RunAsync_FailedPlanReplacedByAReviewer_KeepsTheUnchangedSucceededStepAndRunsAfterApproval()
    {
        // Arrange: s1 succeeded, s2 failed; the new version fixes s2 and keeps s1 as it was.
        var fake = FailedAtSecondStep(out var calls);
        var replacement = TestPlans.PlanOf("s1", "s2", "s3");
        replacement.Steps[1].Parameters["text"] = "fixed";

        // Act
        fake.Raise(PlanEvents.Modify, new { version = 1, plan = replacement, by = "bob" });
        var pending = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { version = 2, by = "bob" });

        // Assert
        Assert.Equal((PlanStatus.PendingApproval, 2), (pending.Status, pending.Version));
        Assert.Equal([StepStatus.Succeeded, StepStatus.Pending, StepStatus.Pending], pending.Steps.Select(s => s.Status));
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(["s1", "s2", "s2", "s3"], calls);
        Assert.Equal("output of s1", output.Steps[0].Output);
        Assert.Equal([RevisionAction.Submitted, RevisionAction.Modified], output.Revisions.Select(r => r.Action));
    }

    [Fact]
    public void RunAsync_FailedPlanChangedByFeedback_AsksTheModelWithThePlanAsItFailed()
    {
        // Arrange: s1 succeeded, s2 failed, s3 did not run.
        var fake = FailedAtSecondStep(out _);
        var failed = fake.LastStatus;
        ReplyToModifyByAddingAStep(fake);

        // Act
        fake.Raise(PlanEvents.Modify, new { version = 1, feedback = "Call s2 elsewhere", by = "bob" });

        // Assert: the model is shown the failure (PlanPrompts describes it for a failed plan), not a draft.
        var asked = Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity))).Input<ModifyPlanRequest>().Plan;
        Assert.Equal(PlanStatus.Failed, asked.Status);
        Assert.Equal(failed.Error, asked.Error);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped], asked.Steps.Select(s => s.Status));
        Assert.Equal("output of s1", asked.Steps[0].Output);
        Assert.Equal("HTTP 500", asked.Steps[1].Error);
        var pending = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 2), (pending.Status, pending.Version));
        Assert.Equal([StepStatus.Succeeded, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending], pending.Steps.Select(s => s.Status));
    }

    [Fact]
    public void RunAsync_CancelOfAFailedPlan_EndsItCancelled()
    {
        // Arrange
        var fake = FailedAtSecondStep(out _);

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "giving up", by = "bob" });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Null(output.RecoverableUntil);
    }

    [Fact]
    public void RunAsync_FailedPlanWithChannels_IsToldAtOnceAndAgainWhenTheRetryCompletes()
    {
        // Arrange
        var fake = FailedAtSecondStep(out _, channels: ["teams"]);
        var toldAtFailure = fake.CallsOf(nameof(NotifyApproversActivity)).Select(call => call.Input<NotifyRequest>().Notification.Kind).ToList();

        // Act
        fake.Raise(PlanEvents.Retry, new { version = 1 });

        // Assert
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal([NotificationKind.ApprovalRequested, NotificationKind.Failed], toldAtFailure);
        Assert.Equal(
            [NotificationKind.ApprovalRequested, NotificationKind.Failed, NotificationKind.Completed],
            fake.CallsOf(nameof(NotifyApproversActivity)).Select(call => call.Input<NotifyRequest>().Notification.Kind));
        Assert.NotNull(fake.CallsOf(nameof(NotifyApproversActivity))[1].Input<NotifyRequest>().Notification.Steps);
    }

    /// <summary>A plan of s1, s2, s3 whose s2 fails once (the next calls succeed), with a recovery window of two hours.</summary>
    private static OrchestrationContextFake FailedAtSecondStep(out List<string> calls, string[]? channels = null)
    {
        var called = new List<string>();
        calls = called;
        var fake = Fakes.Context();
        fake.Reply(nameof(ExecuteStepActivity), call =>
        {
            var id = call.Input<ExecuteStepRequest>().Step.Id;
            called.Add(id);
            return id == "s2" && called.Count(c => c == "s2") == 1 ? new StepResult(false, null, "HTTP 500", Transient: true) : Fakes.Succeeded(call);
        });
        var input = TestPlans.Given(TestPlans.PlanOf("s1", "s2", "s3"));
        input.RecoveryWindow = Window;
        if (channels is not null)
        {
            input.NotificationChannels = [.. channels];
            fake.Reply(nameof(NotifyApproversActivity), call => new NotificationDelivery { Channel = call.Input<NotifyRequest>().Channel, Sent = 1 });
        }

        fake.Start(new PlanOrchestrator(), input);
        fake.Raise(PlanEvents.Approved, new { version = 1 });
        return fake;
    }
}
