using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.IntegrationTests.Orchestration;

/// <summary>Decisions on a plan awaiting approval: modify, stale and repeated decisions, reject, timeout.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public async Task RunAsync_TwoModificationsThenApproval_RunsVersionThreeWithRevisionsRecorded()
    {
        var original = TestPlans.Unique("original");
        var firstFeedback = TestPlans.Unique("feedback-a");
        var secondFeedback = TestPlans.Unique("feedback-b");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Grow by feedback", TestPlans.Echo("s1", original))));
        var first = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        var firstModify = await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { Version = 1, Text = firstFeedback, By = "reviewer@example.com" });
        var second = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 2);
        var secondModify = await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { Version = 2, Text = secondFeedback, By = "reviewer@example.com" });
        var third = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 3);
        var approval = await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 3 });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal([PlanCommandStatus.Accepted, PlanCommandStatus.Accepted, PlanCommandStatus.Accepted], [firstModify.Status, secondModify.Status, approval.Status]);
        Assert.Equal(2, second.Steps.Count);
        Assert.Equal(3, third.Steps.Count);
        Assert.All(third.Steps, s => Assert.Equal(StepStatus.Pending, s.Status));
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal(3, done.Version);
        Assert.Equal([$"echo: {original}", $"echo: {firstFeedback}", $"echo: {secondFeedback}"], done.Steps.Select(s => s.Output));
        Assert.Equal(
            [(1, RevisionAction.Submitted, (string?)null), (2, RevisionAction.Modified, firstFeedback), (3, RevisionAction.Modified, secondFeedback)],
            done.Revisions.Select(r => (r.Version, r.Action, r.Feedback)));
        Assert.Equal("reviewer@example.com", done.Revisions[1].By);
        Assert.Equal(
            [(DecisionKind.Modify, 1), (DecisionKind.Modify, 2), (DecisionKind.Approve, 3)],
            done.Decisions.Select(d => (d.Kind, d.PlanVersion)));
        Assert.All(done.Decisions, d => Assert.Equal(DecisionOutcome.Applied, d.Outcome));
        Assert.Equal(first.CreatedAt, done.CreatedAt);
    }

    [Fact]
    public async Task RunAsync_ApprovalOfReplacedVersion_IsRecordedStaleAndChangesNothing()
    {
        var feedback = TestPlans.Unique("change");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Stale approval", TestPlans.Echo("s1", TestPlans.Unique("stale")))));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);
        await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { Version = 1, Text = feedback });
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 2);

        var refused = await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 1 });
        // An approval of version 1 that was sent before the modification arrives only now: the workflow must ignore it.
        await fixture.Client.RaiseEventAsync(started.Id, PlanEvents.Approved, new { version = 1, decisionId = "late-approval", approver = "slow@example.com" });
        var afterStale = await Plans.WaitForAsync(started.Id, v => v.Decisions.Any(d => d.Outcome == DecisionOutcome.Stale));
        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 2, DecisionId = "right-approval" });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanCommandStatus.Conflict, refused.Status);
        Assert.Contains("version 1", refused.Detail, StringComparison.Ordinal);
        Assert.Equal((PlanStatus.PendingApproval, 2, false), (afterStale.Status, afterStale.Version, afterStale.UserApproved));
        Assert.All(afterStale.Steps, s => Assert.Equal(StepStatus.Pending, s.Status));
        var stale = afterStale.Decisions.Single(d => d.Outcome == DecisionOutcome.Stale);
        Assert.Equal((DecisionKind.Approve, 1, 2, "late-approval", "slow@example.com"), (stale.Kind, stale.Version, stale.PlanVersion, stale.DecisionId, stale.By));
        Assert.NotNull(stale.Detail);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.True(done.UserApproved);
        var applied = done.Decisions.Last();
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, "right-approval"), (applied.Kind, applied.Outcome, applied.DecisionId));
    }

    [Fact]
    public async Task RunAsync_RepeatedDecisionId_IsAppliedOnce()
    {
        var feedback = TestPlans.Unique("once");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Repeated decision", TestPlans.Echo("s1", TestPlans.Unique("repeat")))));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { DecisionId = "modify-once", Text = feedback });
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 2);
        var repeated = await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { DecisionId = "modify-once", Text = feedback });
        var afterRepeat = await Plans.WaitForAsync(started.Id, v => v.Decisions.Any(d => d.Outcome == DecisionOutcome.Duplicate));
        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 2 });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanCommandStatus.Accepted, repeated.Status);
        Assert.Equal((PlanStatus.PendingApproval, 2), (afterRepeat.Status, afterRepeat.Version));
        Assert.Equal(
            [(DecisionKind.Modify, DecisionOutcome.Applied), (DecisionKind.Modify, DecisionOutcome.Duplicate)],
            afterRepeat.Decisions.Select(d => (d.Kind, d.Outcome)));
        Assert.Single(fixture.Generator.Feedback, f => f == feedback);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal(2, done.Version);
        Assert.Equal(2, done.Revisions.Count);
        Assert.Equal(2, done.Steps.Count);
    }

    [Fact]
    public async Task RunAsync_Rejected_EndsCancelledWithReason()
    {
        var message = TestPlans.Unique("rejected");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Reject me", TestPlans.Echo("s1", message))));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        var rejection = await Plans.RejectAsync(started.Id, new PlanDecisionRequest { Version = 1, Text = "Too risky", By = "approver@example.com" });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanCommandStatus.Accepted, rejection.Status);
        Assert.Equal(PlanStatus.Cancelled, done.Status);
        Assert.False(done.UserApproved);
        Assert.Contains("Too risky", done.Error, StringComparison.Ordinal);
        Assert.Contains("approver@example.com", done.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Skipped, Assert.Single(done.Steps).Status);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Reject, DecisionOutcome.Applied, "Too risky"), (decision.Kind, decision.Outcome, decision.Comment));
        Assert.DoesNotContain(message, fixture.Tools.Echoed);
        // The approval deadline's timer lost the race; the instance must not wait for it.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await fixture.Client.GetInstanceAsync(started.Id))!.RuntimeStatus);
    }

    [Fact]
    public async Task RunAsync_NoDecisionBeforeTimeout_EndsCancelledAndStopsRunning()
    {
        var message = TestPlans.Unique("timeout");
        var started = await Plans.StartAsync(TestPlans.Given(
            TestPlans.Plan("Nobody answers", TestPlans.Echo("s1", message)),
            approvalTimeout: TimeSpan.FromSeconds(2)));

        var done = await Plans.WaitForEndAsync(started.Id);
        var metadata = await fixture.Client.GetInstanceAsync(started.Id);

        Assert.Equal(PlanStatus.Cancelled, done.Status);
        Assert.Contains("No decision within 00:00:02", done.Error, StringComparison.Ordinal);
        Assert.Null(done.ApprovalExpiresAt);
        Assert.Equal(StepStatus.Skipped, Assert.Single(done.Steps).Status);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Timeout, DecisionOutcome.Applied), (decision.Kind, decision.Outcome));
        Assert.DoesNotContain(message, fixture.Tools.Echoed);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata!.RuntimeStatus);
    }
}
