using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>The approval policy: each risk's quorum of distinct approvers, the plan hash, and escalation.</summary>
public partial class PlanOrchestratorTests
{
    private static OrchestrationContextFake PlanOfRisk(ToolRisk risk, PlanApprovalPolicy policy, Action<PlanOrchestrationInput>? configure = null)
    {
        var fake = Fakes.Context();
        fake.Reply(nameof(AssessPlanActivity), call => call.Input<ExecutionPlan>().Steps.ConvertAll(_ => risk));
        fake.Reply(nameof(NotifyApproversActivity), call => new NotificationDelivery { Channel = call.Input<NotifyRequest>().Channel, Sent = 1 });
        var input = TestPlans.Given(TestPlans.PlanOf("s1", "s2"));
        input.Policy = policy;
        configure?.Invoke(input);
        fake.Start(new PlanOrchestrator(), input);
        return fake;
    }

    [Fact]
    public void RunAsync_ReadPlanWhosePolicyNeedsNoApproval_RunsAtOnceApprovedByPolicy()
    {
        // Arrange + Act
        var fake = PlanOfRisk(ToolRisk.Read, new PlanApprovalPolicy { Read = new RiskApprovalPolicy { RequiredApprovals = 0 } });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(ToolRisk.Read, output.Risk);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, PlanWorkflowRun.PolicyDecider), (decision.Kind, decision.Outcome, decision.By));
        Assert.Equal(output.PlanHash, decision.PlanHash);
        Assert.Equal(0, output.Approvals!.Required);
    }

    [Fact]
    public void RunAsync_DestructivePlanWithAQuorumOfTwo_RunsAfterTwoDistinctApproversOnly()
    {
        // Arrange
        var fake = PlanOfRisk(ToolRisk.Destructive, new PlanApprovalPolicy { Destructive = new RiskApprovalPolicy { RequiredApprovals = 2 } });

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, by = TestPlans.Requester });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "Bob" });
        var afterOne = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "carol" });

        // Assert
        Assert.Equal(PlanStatus.PendingApproval, afterOne.Status);
        Assert.Equal(2, afterOne.Approvals!.Required);
        Assert.Equal(["bob"], afterOne.Approvals.Received);
        Assert.Equal([DecisionOutcome.Refused, DecisionOutcome.Applied, DecisionOutcome.Duplicate], afterOne.Decisions.Select(d => d.Outcome));
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(["bob", "carol"], output.Approvals!.Received);
    }

    [Fact]
    public void RunAsync_RejectionByOneApproverOfAQuorum_EndsThePlan()
    {
        // Arrange
        var fake = PlanOfRisk(ToolRisk.Destructive, new PlanApprovalPolicy { Destructive = new RiskApprovalPolicy { RequiredApprovals = 2 } });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });

        // Act
        fake.Raise(PlanEvents.Rejected, new { version = 1, by = "carol" });

        // Assert
        Assert.Equal(PlanStatus.Cancelled, fake.Output.Status);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_ModificationDuringAQuorum_StartsTheCountAgainForTheNewVersion()
    {
        // Arrange
        var fake = PlanOfRisk(ToolRisk.Destructive, new PlanApprovalPolicy { Destructive = new RiskApprovalPolicy { RequiredApprovals = 2 } });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });
        var replacement = TestPlans.PlanOf("s1");

        // Act
        fake.Raise(PlanEvents.Modify, new { version = 1, plan = replacement, by = "carol" });
        var changed = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { version = 2, by = "bob" });

        // Assert
        Assert.Equal((2, PlanStatus.PendingApproval), (changed.Version, changed.Status));
        Assert.Empty(changed.Approvals!.Received);
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
        Assert.Equal(["bob"], fake.LastStatus.Approvals!.Received);
    }

    [Fact]
    public void RunAsync_DecisionForAnotherPlanHash_IsStaleAndTheHashOfWhatRunsIsTheApprovedOne()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));
        var hash = fake.LastStatus.PlanHash!;

        // Act
        fake.Raise(PlanEvents.Approved, new { by = "bob", planHash = new string('a', PlanHash.Length) });
        var afterStale = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { by = "bob", planHash = hash.ToUpperInvariant() });

        // Assert
        Assert.Equal(DecisionOutcome.Stale, Assert.Single(afterStale.Decisions).Outcome);
        Assert.Equal(PlanStatus.PendingApproval, afterStale.Status);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(PlanHash.Of(TestPlans.PlanOf("s1")), hash);
        Assert.Equal(hash, output.PlanHash);
    }

    [Fact]
    public void RunAsync_NobodyDecidesBeforeEscalation_AddsAndNotifiesTheEscalationApprovers()
    {
        // Arrange
        var fake = PlanOfRisk(ToolRisk.Write, new PlanApprovalPolicy(), input =>
        {
            input.Approvers = ["bob"];
            input.EscalateAfter = TimeSpan.FromMinutes(10);
            input.EscalationApprovers = ["oncall-lead"];
            input.NotificationChannels = ["teams"];
        });
        var escalation = fake.Timers.Single(t => t.FireAt == fake.Timers[0].CreatedAt + TimeSpan.FromMinutes(10));

        // Act
        fake.Fire(escalation);
        var escalated = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "oncall-lead" });

        // Assert
        Assert.Equal(["bob", "oncall-lead"], escalated.Approvers);
        var record = escalated.Decisions[^1];
        Assert.Equal((DecisionKind.Escalate, DecisionOutcome.Applied), (record.Kind, record.Outcome));
        var told = fake.CallsOf(nameof(NotifyApproversActivity)).Select(c => c.Input<NotifyRequest>().Notification).Single(n => n.Kind == NotificationKind.Escalated);
        Assert.Equal(["oncall-lead"], told.Approvers);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
    }
}
