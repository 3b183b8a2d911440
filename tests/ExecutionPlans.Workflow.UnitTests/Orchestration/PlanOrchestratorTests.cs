using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

public sealed partial class PlanOrchestratorTests
{
    private static readonly string[] ThreeSteps = ["s1", "s2", "s3"];

    [Fact]
    public void RunAsync_GivenPlanApproved_RunsEveryStepAndCompletes()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf(ThreeSteps)));
        var pending = fake.LastStatus;

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob", comment = "go" });

        // Assert
        Assert.Equal(PlanStatus.PendingApproval, pending.Status);
        Assert.Equal(1, pending.Version);
        Assert.Equal(
            [PlanStatus.Draft, PlanStatus.PendingApproval, PlanStatus.Executing, PlanStatus.Completed],
            fake.StatusTransitions);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.True(output.UserApproved);
        Assert.Equal(fake.InstanceId, output.Id);
        Assert.Equal(["output of s1", "output of s2", "output of s3"], output.Steps.Select(s => s.Output));
        Assert.All(output.Steps, step => Assert.Equal(StepStatus.Succeeded, step.Status));
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, "bob", "go"), (decision.Kind, decision.Outcome, decision.By, decision.Comment));
        Assert.Null(output.ApprovalExpiresAt);
        Assert.Equal(["s1", "s2", "s3"], fake.CallsOf(nameof(ExecuteStepActivity)).Select(c => c.Input<ExecuteStepRequest>().Step.Id));
        Assert.All(fake.CallsOf(nameof(ExecuteStepActivity)), call => Assert.Equal(fake.InstanceId, call.Input<ExecuteStepRequest>().PlanId));
    }

    [Fact]
    public void RunAsync_Executing_PublishesStatusBeforeAndAfterEveryStep()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf(ThreeSteps)));

        // Act
        fake.Raise(PlanEvents.Approved, true);

        // Assert
        var stepStates = fake.Statuses
            .Where(s => s.Status == PlanStatus.Executing)
            .Select(s => string.Join(",", s.Steps.Select(step => step.Status.ToString())))
            .ToList();
        Assert.Equal(
            [
                "Pending,Pending,Pending",
                "Running,Pending,Pending",
                "Succeeded,Pending,Pending",
                "Succeeded,Running,Pending",
                "Succeeded,Succeeded,Pending",
                "Succeeded,Succeeded,Running",
                "Succeeded,Succeeded,Succeeded",
            ],
            stepStates);
        Assert.Equal(PlanStatus.Completed, fake.LastStatus.Status);
        Assert.Equal(fake.Output.Status, fake.LastStatus.Status);
    }

    [Fact]
    public void RunAsync_GivenPlan_WaitsForApprovalWithoutRunningAnything()
    {
        // Arrange
        var fake = Fakes.Context();

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1"), approvers: "bob"));

        // Assert
        Assert.False(fake.IsCompleted);
        var view = fake.LastStatus;
        Assert.Equal(PlanStatus.PendingApproval, view.Status);
        Assert.Equal(fake.Now + TimeSpan.FromHours(1), view.ApprovalExpiresAt);
        Assert.Equal(["bob"], view.Approvers);
        Assert.Equal("alice", view.RequestedBy);
        Assert.True(view.RequireApproval);
        var revision = Assert.Single(view.Revisions);
        Assert.Equal((1, RevisionAction.Submitted, "alice"), (revision.Version, revision.Action, revision.By));
        Assert.Single(fake.CallsOf(nameof(ValidatePlanActivity)));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        var timer = Assert.Single(fake.Timers);
        Assert.Equal(view.ApprovalExpiresAt!.Value.UtcDateTime, timer.FireAt);
    }

    [Fact]
    public void RunAsync_ApprovedBeforeTimeout_CancelsTheLosingTimer()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));
        var timer = Assert.Single(fake.Timers);

        // Act
        fake.Raise(PlanEvents.Approved, null);

        // Assert
        Assert.True(timer.WasCancelled);
        Assert.False(timer.HasFired);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
    }
}
