using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.IntegrationTests.Orchestration;

/// <summary>Events as integrations raise them, whenever they arrive, and cancelling a running plan.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public async Task RunAsync_CancelWhileStepRuns_StepFinishesAndNextStepNeverRuns()
    {
        var key = TestPlans.Unique("gate");
        var next = TestPlans.Unique("next");
        var started = await Plans.StartAsync(TestPlans.Given(
            TestPlans.Plan("Cancel me while I run", TestPlans.Block("s1", key), TestPlans.Echo("s2", next)),
            requireApproval: false));
        await fixture.Tools.WaitUntilBlockedAsync(key);

        var cancel = await Plans.CancelAsync(started.Id, "Stop now", "operator@example.com");
        var whileRunning = await Plans.WaitForAsync(started.Id, v => v.CancelRequested);
        fixture.Tools.Release(key);
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanCommandStatus.Accepted, cancel.Status);
        Assert.Equal(PlanStatus.Cancelling, whileRunning.Status);
        Assert.Equal(StepStatus.Running, whileRunning.Steps[0].Status);
        Assert.Equal(PlanStatus.Cancelled, done.Status);
        Assert.False(done.CancelRequested);
        Assert.Contains("Stop now", done.Error, StringComparison.Ordinal);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Skipped], done.Steps.Select(s => s.Status));
        Assert.Equal($"released {key}", done.Steps[0].Output);
        Assert.DoesNotContain(next, fixture.Tools.Echoed);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Cancel, DecisionOutcome.Applied, "operator@example.com"), (decision.Kind, decision.Outcome, decision.By));
    }

    [Fact]
    public async Task RunAsync_ApprovedRaisedBeforeWorkflowWaits_IsNotLost()
    {
        var message = TestPlans.Unique("early");

        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Approved early", TestPlans.Echo("s1", message))));
        await fixture.Client.RaiseEventAsync(started.Id, PlanEvents.Approved, new { decisionId = "early-approval", comment = "Pre-approved" });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.True(done.UserApproved);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, "early-approval", "Pre-approved"), (decision.Kind, decision.Outcome, decision.DecisionId, decision.Comment));
        Assert.Contains(message, fixture.Tools.Echoed);
    }

    [Fact]
    public async Task RunAsync_PlainStringModifyAndBareTrueApproval_AreUnderstood()
    {
        var feedback = TestPlans.Unique("plain");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Lenient payloads", TestPlans.Echo("s1", TestPlans.Unique("lenient")))));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        await fixture.Client.RaiseEventAsync(started.Id, PlanEvents.Modify, feedback);
        var modified = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 2);
        await fixture.Client.RaiseEventAsync(started.Id, PlanEvents.Approved, true);
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(feedback, modified.Revisions[^1].Feedback);
        Assert.Equal(feedback, modified.Decisions.Single().Comment);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal(2, done.Version);
        Assert.Equal(
            [(DecisionKind.Modify, DecisionOutcome.Applied), (DecisionKind.Approve, DecisionOutcome.Applied)],
            done.Decisions.Select(d => (d.Kind, d.Outcome)));
        Assert.Equal($"echo: {feedback}", done.Steps[^1].Output);
        Assert.Contains(feedback, fixture.Tools.Echoed);
    }
}
