using System.Text;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.IntegrationTests.Orchestration;

/// <summary>
/// The plan workflow end to end on a real engine: every test drives it through <see cref="PlanService"/> (or raises
/// events as an integration would) and reads what a client reads. The main paths are here; decisions, events and
/// cancellation are in the partial files.
/// </summary>
public sealed partial class PlanOrchestratorTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private PlanService Plans => fixture.Plans;

    [Fact]
    public async Task RunAsync_GivenPlanApproved_CompletesWithOutputsAndParametersReachTools()
    {
        var first = TestPlans.Unique("first");
        var second = TestPlans.Unique("second");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan(
            "Echo twice",
            TestPlans.Echo("s1", first),
            TestPlans.Echo("s2", second))));
        var pending = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        var approval = await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 1, DecisionId = "approve-1", Text = "Looks good", By = "approver@example.com" });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanStatus.Draft, started.Status);
        Assert.Equal(1, pending.Version);
        Assert.NotNull(pending.ApprovalExpiresAt);
        Assert.Equal(PlanCommandStatus.Accepted, approval.Status);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.True(done.UserApproved);
        Assert.Null(done.Error);
        Assert.Null(done.ApprovalExpiresAt);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Succeeded], done.Steps.Select(s => s.Status));
        Assert.Equal([$"echo: {first}", $"echo: {second}"], done.Steps.Select(s => s.Output));
        Assert.Contains(first, fixture.Tools.Echoed);
        Assert.Contains(second, fixture.Tools.Echoed);
        var revision = Assert.Single(done.Revisions);
        Assert.Equal(RevisionAction.Submitted, revision.Action);
        Assert.Equal(TestPlans.Requester, revision.By);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, 1, "approve-1", "approver@example.com", "Looks good"),
            (decision.Kind, decision.Outcome, decision.PlanVersion, decision.DecisionId, decision.By, decision.Comment));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await fixture.Client.GetInstanceAsync(started.Id))!.RuntimeStatus);
    }

    [Fact]
    public async Task RunAsync_InputPlannedByGenerator_AwaitsApprovalThenRunsGeneratedPlan()
    {
        var request = TestPlans.Unique("say");
        var started = await Plans.StartAsync(new PlanOrchestrationInput { Input = request, RequestedBy = "requester@example.com" });
        var pending = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = pending.Version });
        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(request, started.Description);
        Assert.Equal(ScriptedPlanGenerator.DescriptionFor(request), pending.Description);
        Assert.Equal(started.Id, pending.Id);
        var step = Assert.Single(pending.Steps);
        Assert.Equal((TestTools.Echo, StepStatus.Pending), (step.ToolName, step.Status));
        var revision = Assert.Single(pending.Revisions);
        Assert.Equal((1, RevisionAction.Generated, "requester@example.com", request), (revision.Version, revision.Action, revision.By, revision.Feedback));
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal($"echo: {request}", Assert.Single(done.Steps).Output);
    }

    [Fact]
    public async Task RunAsync_NoApprovalRequired_RunsAtOnce()
    {
        var message = TestPlans.Unique("now");
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Run at once", TestPlans.Echo("s1", message)), requireApproval: false));

        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.False(done.RequireApproval);
        Assert.False(done.UserApproved);
        Assert.Empty(done.Decisions);
        Assert.Null(done.ApprovalExpiresAt);
        Assert.Equal($"echo: {message}", Assert.Single(done.Steps).Output);
        Assert.Contains(message, fixture.Tools.Echoed);
    }

    [Fact]
    public async Task RunAsync_StepFails_PlanFailsAndLaterStepsAreSkipped()
    {
        var before = TestPlans.Unique("before");
        var after = TestPlans.Unique("after");
        var started = await Plans.StartAsync(TestPlans.Given(
            TestPlans.Plan("Fail in the middle", TestPlans.Echo("s1", before), TestPlans.Fail("s2", fail: true), TestPlans.Echo("s3", after)),
            requireApproval: false));

        var done = await Plans.WaitForEndAsync(started.Id);

        Assert.Equal(PlanStatus.Failed, done.Status);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped], done.Steps.Select(s => s.Status));
        Assert.Equal($"echo: {before}", done.Steps[0].Output);
        Assert.Contains(TestTools.FailureMessage, done.Steps[1].Error, StringComparison.Ordinal);
        Assert.Null(done.Steps[2].Output);
        Assert.Contains("'s2'", done.Error, StringComparison.Ordinal);
        Assert.Contains(TestTools.FailureMessage, done.Error, StringComparison.Ordinal);
        Assert.Contains(before, fixture.Tools.Echoed);
        Assert.DoesNotContain(after, fixture.Tools.Echoed);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await fixture.Client.GetInstanceAsync(started.Id))!.RuntimeStatus);
    }

    [Fact]
    public async Task RunAsync_StepReturns100KB_CustomStatusStaysUnder16KBAndStepIsMarkedTruncated()
    {
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Big output", TestPlans.BigOutput("s1")), requireApproval: false));

        var done = await Plans.WaitForEndAsync(started.Id);
        var metadata = await fixture.Client.GetInstanceAsync(started.Id, getInputsAndOutputs: true);

        Assert.Equal(PlanStatus.Completed, done.Status);
        var step = Assert.Single(done.Steps);
        Assert.Equal(StepStatus.Succeeded, step.Status);
        Assert.True(step.OutputTruncated);
        Assert.InRange(step.Output!.Length, 1, TestTools.BigOutputChars - 1);
        Assert.NotNull(metadata!.SerializedCustomStatus);
        Assert.InRange(Encoding.UTF8.GetByteCount(metadata.SerializedCustomStatus), 1, (16 * 1024) - 1);
        Assert.InRange(Encoding.UTF8.GetByteCount(metadata.SerializedOutput!), 1, (16 * 1024) - 1);
    }
}
