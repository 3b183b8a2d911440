using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Who may decide, checked again inside the workflow for events raised straight at it.</summary>
public partial class PlanOrchestratorTests
{
    [Theory]
    [InlineData(null, "anonymous")]
    [InlineData("mallory", "not an approver")]
    public void RunAsync_ApprovalFromOutsideTheApprovers_IsRefusedAndThePlanWaits(string? approver, string expectedDetail)
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1"), approvers: "bob"));

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver });

        // Assert
        var view = fake.LastStatus;
        Assert.Equal(PlanStatus.PendingApproval, view.Status);
        var decision = Assert.Single(view.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Refused), (decision.Kind, decision.Outcome));
        Assert.Contains(expectedDetail, decision.Detail, StringComparison.Ordinal);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_RequesterApprovesOwnPlan_IsRefusedUnlessAllowed()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "alice" });

        // Assert
        var decision = Assert.Single(fake.LastStatus.Decisions);
        Assert.Equal(DecisionOutcome.Refused, decision.Outcome);
        Assert.Contains("may not approve", decision.Detail, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
    }

    [Fact]
    public void RunAsync_RequesterApprovesOwnPlanWithSelfApprovalAllowed_Runs()
    {
        // Arrange
        var fake = Fakes.Context();
        var input = TestPlans.Given(TestPlans.PlanOf("s1"));
        input.AllowSelfApproval = true;
        fake.Start(new PlanOrchestrator(), input);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "alice" });

        // Assert
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal("alice", Assert.Single(fake.Output.Decisions).By);
    }

    [Fact]
    public void RunAsync_ApproverDecides_Applies()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1"), approvers: "bob"));

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "BOB" });

        // Assert
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal(DecisionOutcome.Applied, Assert.Single(fake.Output.Decisions).Outcome);
    }
}
