using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Step checkpoints: a held step waits with its resolved parameters and is confirmed, skipped or rejected.</summary>
public partial class PlanOrchestratorTests
{
    /// <summary>s1 runs; s2 (which uses s1's output) waits at its checkpoint; s3 needs s2; s4 needs nothing and runs meanwhile.</summary>
    private static OrchestrationContextFake HeldAtSecondStep(out List<string> calls, PlanApprovalPolicy? policy = null, params string[] approvers)
    {
        var fake = Fakes.Context();
        var ran = new List<string>();
        fake.Reply(nameof(ExecuteStepActivity), call =>
        {
            ran.Add(call.Input<ExecuteStepRequest>().Step.Id);
            return Fakes.Succeeded(call);
        });
        fake.Reply(nameof(NotifyApproversActivity), call => new NotificationDelivery { Channel = call.Input<NotifyRequest>().Channel, Sent = 1 });
        var plan = TestPlans.PlanOf("s1", "s2", "s3", "s4");
        plan.Steps[1].Parameters["text"] = "{{steps.s1.output}}";
        plan.Steps[1].Checkpoint = true;
        plan.Steps[3].DependsOn = [];
        var input = TestPlans.Given(plan, approvers: approvers);
        input.Policy = policy;
        input.NotificationChannels = ["teams"];
        fake.Start(new PlanOrchestrator(), input);
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });
        calls = ran;
        return fake;
    }

    [Fact]
    public void RunAsync_StepWithACheckpoint_WaitsWithItsResolvedParametersWhileOthersRun()
    {
        // Arrange + Act
        var fake = HeldAtSecondStep(out var calls);

        // Assert
        var view = fake.LastStatus;
        Assert.Equal(PlanStatus.Executing, view.Status);
        Assert.Equal([StepStatus.Succeeded, StepStatus.AwaitingApproval, StepStatus.Pending, StepStatus.Succeeded], view.Steps.Select(s => s.Status));
        Assert.Equal("output of s1", view.Steps[1].ResolvedParameters!["text"]!.GetValue<string>());
        Assert.Equal(["s1", "s4"], calls);
        var checkpoint = Assert.Single(view.Checkpoints!);
        Assert.Equal(("s2", 1), (checkpoint.StepId, checkpoint.Approvals.Required));
        Assert.Empty(checkpoint.Approvals.Received);
        Assert.Equal(fake.Now + TimeSpan.FromHours(1), checkpoint.ExpiresAt.UtcDateTime, TimeSpan.FromSeconds(5));
        var asked = fake.CallsOf(nameof(NotifyApproversActivity)).Select(c => c.Input<NotifyRequest>().Notification).Last();
        Assert.Equal((NotificationKind.Checkpoint, "s2"), (asked.Kind, asked.StepId));
        Assert.Equal("output of s1", asked.Steps[1].ResolvedParameters!["text"]!.GetValue<string>());
        Assert.Equal("s2", Assert.Single(view.Notifications, n => n.Kind == NotificationKind.Checkpoint).StepId);
    }

    [Fact]
    public void RunAsync_CheckpointConfirmed_RunsTheStepWithTheParametersShownAndCompletes()
    {
        // Arrange
        var fake = HeldAtSecondStep(out var calls);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s2", by = "carol" });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(["s1", "s4", "s2", "s3"], calls);
        var ran = fake.CallsOf(nameof(ExecuteStepActivity)).Select(c => c.Input<ExecuteStepRequest>().Step).Single(s => s.Id == "s2");
        Assert.Equal("output of s1", ran.Parameters["text"]!.GetValue<string>());
        var confirmation = output.Decisions[^1];
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, "s2", "carol"), (confirmation.Kind, confirmation.Outcome, confirmation.StepId, confirmation.By));
        Assert.Null(output.Checkpoints);
        Assert.All(fake.Timers.Where(t => !t.HasFired), t => Assert.True(t.WasCancelled));
    }

    [Fact]
    public void RunAsync_CheckpointSkipped_SkipsTheStepAndItsDependentsAndCompletes()
    {
        // Arrange
        var fake = HeldAtSecondStep(out var calls);

        // Act
        fake.Raise(PlanEvents.Skip, new { version = 1, stepId = "s2", by = "carol", reason = "Not today." });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(["s1", "s4"], calls);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Succeeded], output.Steps.Select(s => s.Status));
        Assert.Equal("Skipped at its checkpoint by carol: Not today.", output.Steps[1].Error);
        Assert.Contains("depends on step 's2'", output.Steps[2].Error, StringComparison.Ordinal);
        Assert.Equal((DecisionKind.Skip, DecisionOutcome.Applied), (output.Decisions[^1].Kind, output.Decisions[^1].Outcome));
    }

    [Fact]
    public void RunAsync_CheckpointRejected_EndsThePlanCancelledWithoutRunningTheStep()
    {
        // Arrange
        var fake = HeldAtSecondStep(out var calls);

        // Act
        fake.Raise(PlanEvents.Rejected, new { version = 1, stepId = "s2", by = "carol", reason = "Wrong target." });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Rejected at step 's2' by carol: Wrong target.", output.Error);
        Assert.Equal(["s1", "s4"], calls);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Succeeded], output.Steps.Select(s => s.Status));
        Assert.Equal(output.Error, output.Steps[1].Error);
    }

    [Fact]
    public void RunAsync_NoDecisionAtTheCheckpointInTime_CancelsThePlan()
    {
        // Arrange
        var fake = HeldAtSecondStep(out _);
        var deadline = fake.Timers.Single(t => !t.HasFired && !t.WasCancelled);

        // Act
        fake.Fire(deadline);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Contains("No decision on step 's2'", output.Error, StringComparison.Ordinal);
        Assert.Equal((DecisionKind.Timeout, "s2"), (output.Decisions[^1].Kind, output.Decisions[^1].StepId));
    }

    [Fact]
    public void RunAsync_DestructiveCheckpointWithAQuorumOfTwo_RunsOnlyAfterTwoDistinctApprovers()
    {
        // Arrange: every step is destructive; the policy wants two approvers and a checkpoint for those.
        var policy = new PlanApprovalPolicy { Destructive = new RiskApprovalPolicy { RequiredApprovals = 2, Checkpoint = true } };
        var fake = Fakes.Context();
        fake.Reply(nameof(AssessPlanActivity), call => call.Input<ExecutionPlan>().Steps.ConvertAll(_ => ToolRisk.Destructive));
        var input = TestPlans.Given(TestPlans.PlanOf("s1"));
        input.Policy = policy;
        fake.Start(new PlanOrchestrator(), input);
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "carol" });
        var held = fake.LastStatus;

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s1", by = "bob" });
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s1", by = "BOB" });
        var afterOne = fake.LastStatus;
        var ranAfterOne = fake.CallsOf(nameof(ExecuteStepActivity)).Count;
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s1", by = "dave" });

        // Assert
        Assert.Equal(StepStatus.AwaitingApproval, held.Steps[0].Status);
        Assert.Equal(2, Assert.Single(held.Checkpoints!).Approvals.Required);
        Assert.Equal(["bob"], Assert.Single(afterOne.Checkpoints!).Approvals.Received);
        Assert.Equal(DecisionOutcome.Duplicate, afterOne.Decisions[^1].Outcome);
        Assert.Equal(0, ranAfterOne);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_CheckpointDecisions_AreScreenedLikeApprovals()
    {
        // Arrange
        var fake = HeldAtSecondStep(out var calls, approvers: ["bob", "carol"]);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s2", by = "mallory" });
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s2", by = TestPlans.Requester });
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "s3", by = "carol" });
        fake.Raise(PlanEvents.Approved, new { version = 1, stepId = "nope", by = "carol" });
        fake.Raise(PlanEvents.Skip, new { version = 1, stepId = "s2", by = "carol", planHash = new string('0', PlanHash.Length) });
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "carol" });
        var view = fake.LastStatus;

        // Assert
        Assert.Equal(StepStatus.AwaitingApproval, view.Steps[1].Status);
        Assert.Equal(
            [DecisionOutcome.Refused, DecisionOutcome.Refused, DecisionOutcome.Ignored, DecisionOutcome.Refused, DecisionOutcome.Stale, DecisionOutcome.Ignored],
            view.Decisions.Skip(1).Select(d => d.Outcome));
        Assert.Contains("not waiting at a checkpoint", view.Decisions[3].Detail, StringComparison.Ordinal);
        Assert.Equal(["s1", "s4"], calls);
    }

    [Fact]
    public void RunAsync_CancelWhileAStepIsHeld_EndsCancelledAndCancelsTheCheckpointTimer()
    {
        // Arrange
        var fake = HeldAtSecondStep(out _);
        var deadline = fake.Timers.Single(t => !t.HasFired && !t.WasCancelled);

        // Act
        fake.Raise(PlanEvents.Cancel, new { by = "bob" });

        // Assert
        Assert.Equal(PlanStatus.Cancelled, fake.Output.Status);
        Assert.Equal(StepStatus.Skipped, fake.Output.Steps[1].Status);
        Assert.True(deadline.WasCancelled);
    }

    [Fact]
    public void RunAsync_PolicyAsksForCheckpointsOfWrites_HoldsEveryWritingStep()
    {
        // Arrange
        var fake = Fakes.Context();
        var input = TestPlans.Given(TestPlans.PlanOf("s1"));
        input.Policy = new PlanApprovalPolicy { Write = new RiskApprovalPolicy { Checkpoint = true } };
        fake.Start(new PlanOrchestrator(), input);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });

        // Assert
        Assert.Equal(StepStatus.AwaitingApproval, fake.LastStatus.Steps[0].Status);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.Equal("s1", fake.LastStatus.Steps[0].ResolvedParameters!["text"]!.GetValue<string>());
    }
}
