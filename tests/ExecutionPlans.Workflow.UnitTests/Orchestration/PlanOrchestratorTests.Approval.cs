using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>The approval loop: modifications, screening of decisions, rejection and the deadline.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_ModifyWithFeedback_AsksTheModelAndWaitsOnTheNewVersion()
    {
        // Arrange
        var fake = PendingPlan(out var firstTimer);
        ReplyToModifyByAddingAStep(fake);

        // Act
        fake.Raise(PlanEvents.Modify, new { version = 1, feedback = "Add a health check", by = "bob" });

        // Assert
        var request = Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity))).Input<ModifyPlanRequest>();
        Assert.Equal("Add a health check", request.Feedback);
        Assert.Equal(1, request.Plan.Version);
        Assert.Equal(["s1", "s2"], request.Plan.Steps.Select(s => s.Id));
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 2, fake.InstanceId), (view.Status, view.Version, view.Id));
        Assert.Equal(["s1", "s2", "s3"], view.Steps.Select(s => s.Id));
        Assert.Equal(OrchestrationContextFake.StartTime, view.CreatedAt.UtcDateTime);
        var revision = view.Revisions[^1];
        Assert.Equal((2, RevisionAction.Modified, "bob", "Add a health check"), (revision.Version, revision.Action, revision.By, revision.Feedback));
        Assert.Equal(2, view.Revisions.Count);
        var decision = Assert.Single(view.Decisions);
        Assert.Equal((DecisionKind.Modify, DecisionOutcome.Applied, 1, 1), (decision.Kind, decision.Outcome, decision.Version, decision.PlanVersion));
        Assert.True(firstTimer.WasCancelled);
        var secondTimer = fake.Timers[^1];
        Assert.Equal(2, fake.Timers.Count);
        Assert.Equal(fake.Now + TimeSpan.FromHours(1), secondTimer.FireAt);
        Assert.Equal(secondTimer.FireAt, view.ApprovalExpiresAt!.Value.UtcDateTime);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_ModifiedThenApproved_RunsTheNewVersion()
    {
        // Arrange
        var fake = PendingPlan(out _);
        ReplyToModifyByAddingAStep(fake);
        fake.Raise(PlanEvents.Modify, "Add a health check");

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 2 });

        // Assert
        var output = fake.Output;
        Assert.Equal((PlanStatus.Completed, 2, true), (output.Status, output.Version, output.UserApproved));
        Assert.Equal(["s1", "s2", "s3"], fake.CallsOf(nameof(ExecuteStepActivity)).Select(c => c.Input<ExecuteStepRequest>().Step.Id));
        Assert.Equal("Add a health check", Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity))).Input<ModifyPlanRequest>().Feedback);
    }

    [Fact]
    public void RunAsync_ModifyWithReplacementPlan_ValidatesAndAdoptsIt()
    {
        // Arrange
        var fake = PendingPlan(out var firstTimer);

        // Act
        fake.Raise(PlanEvents.Modify, new
        {
            version = 1,
            by = "carol",
            plan = new { steps = new[] { new { id = "s9", toolName = TestPlans.Tool, parameters = new { text = "s9" } } } },
        });

        // Assert
        Assert.Empty(fake.CallsOf(nameof(ModifyPlanActivity)));
        var validated = fake.CallsOf(nameof(ValidatePlanActivity))[^1].Input<ExecutionPlan>();
        Assert.Equal((2, fake.InstanceId, "s9"), (validated.Version, validated.TaskId, Assert.Single(validated.Steps).Id));
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 2, "Restart the web app"), (view.Status, view.Version, view.Description));
        Assert.Equal("s9", Assert.Single(view.Steps).Id);
        var revision = view.Revisions[^1];
        Assert.Equal((2, RevisionAction.Modified, "carol", "Replaced by a reviewer's plan."), (revision.Version, revision.Action, revision.By, revision.Feedback));
        Assert.Equal(DecisionOutcome.Applied, Assert.Single(view.Decisions).Outcome);
        Assert.True(firstTimer.WasCancelled);
    }

    [Fact]
    public void RunAsync_InvalidReplacementPlan_RecordsAFailedDecisionAndKeepsTheVersion()
    {
        // Arrange
        var fake = PendingPlan(out var timer);
        var before = fake.LastStatus;
        fake.Reply(nameof(ValidatePlanActivity), _ => new List<PlanValidationError>
        {
            new(PlanValidationCodes.UnknownTool, "Step 1 calls the unknown tool 'nope'.", "s9"),
        });

        // Act
        fake.Raise(PlanEvents.Modify, new { plan = new { steps = new[] { new { id = "s9", toolName = "nope" } } } });

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 1), (view.Status, view.Version));
        Assert.Equal(["s1", "s2"], view.Steps.Select(s => s.Id));
        var decision = Assert.Single(view.Decisions);
        Assert.Equal((DecisionKind.Modify, DecisionOutcome.Failed), (decision.Kind, decision.Outcome));
        Assert.Equal("The replacement plan is not valid: Step 's9': Step 1 calls the unknown tool 'nope'.", decision.Detail);
        Assert.Single(view.Revisions);
        Assert.False(timer.WasCancelled);
        Assert.Single(fake.Timers);
        Assert.Equal(before.ApprovalExpiresAt, view.ApprovalExpiresAt);
    }

    [Fact]
    public void RunAsync_ModifyWhenTheModelFails_RecordsAFailedDecisionAndStaysPending()
    {
        // Arrange
        var fake = PendingPlan(out var timer);
        var before = fake.LastStatus;
        fake.Reply(nameof(ModifyPlanActivity), call => throw OrchestrationContextFake.ActivityFailure(call.Name, "The model is unavailable."));

        // Act
        fake.Raise(PlanEvents.Modify, new { feedback = "Add a health check" });

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 1), (view.Status, view.Version));
        var decision = Assert.Single(view.Decisions);
        Assert.Equal((DecisionKind.Modify, DecisionOutcome.Failed), (decision.Kind, decision.Outcome));
        Assert.Equal("The plan could not be changed: The model is unavailable.", decision.Detail);
        Assert.Equal(before.ApprovalExpiresAt, view.ApprovalExpiresAt);
        Assert.False(timer.WasCancelled);
        Assert.Single(fake.Timers);
    }

    [Fact]
    public void RunAsync_ApprovedAfterAFailedModify_RunsTheOriginalVersion()
    {
        // Arrange
        var fake = PendingPlan(out _);
        fake.Reply(nameof(ModifyPlanActivity), call => throw OrchestrationContextFake.ActivityFailure(call.Name, "The model is unavailable."));
        fake.Raise(PlanEvents.Modify, "Add a health check");

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1 });

        // Assert
        Assert.Equal((PlanStatus.Completed, 1), (fake.Output.Status, fake.Output.Version));
        Assert.Equal(2, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
    }

    [Fact]
    public void RunAsync_ModifyBeyondTheCap_IsRefusedAndRecorded()
    {
        // Arrange
        var input = TestPlans.Given(TestPlans.PlanOf("s1", "s2"));
        input.MaxModifyRounds = 2;
        var fake = Fakes.Context();
        ReplyToModifyByAddingAStep(fake);
        fake.Start(new PlanOrchestrator(), input);
        fake.Raise(PlanEvents.Modify, "first");
        fake.Raise(PlanEvents.Modify, "second");

        // Act
        fake.Raise(PlanEvents.Modify, "third");

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 3), (view.Status, view.Version));
        Assert.Equal(2, fake.CallsOf(nameof(ModifyPlanActivity)).Count);
        Assert.Equal(
            [DecisionOutcome.Applied, DecisionOutcome.Applied, DecisionOutcome.Refused],
            view.Decisions.Select(d => d.Outcome));
        Assert.Equal("The plan has had 2 modifications, the most allowed.", view.Decisions[^1].Detail);
        Assert.Equal("third", view.Decisions[^1].Comment);
    }

    [Fact]
    public void RunAsync_StaleVersion_IsIgnoredAndRecordedThenTheRightVersionApplies()
    {
        // Arrange
        var fake = PendingPlan(out _);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 2, approver = "bob" });
        var afterStale = fake.LastStatus;
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob" });

        // Assert
        Assert.Equal(PlanStatus.PendingApproval, afterStale.Status);
        var stale = Assert.Single(afterStale.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Stale, 2, 1), (stale.Kind, stale.Outcome, stale.Version, stale.PlanVersion));
        Assert.Equal("The decision is for version 2; the plan is at version 1.", stale.Detail);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal([DecisionOutcome.Stale, DecisionOutcome.Applied], output.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void RunAsync_StaleRejection_DoesNotEndThePlan()
    {
        // Arrange
        var fake = PendingPlan(out var timer);

        // Act
        fake.Raise(PlanEvents.Rejected, new { version = 5, reason = "too risky" });

        // Assert
        Assert.False(fake.IsCompleted);
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
        Assert.Equal((DecisionKind.Reject, DecisionOutcome.Stale), (fake.LastStatus.Decisions[^1].Kind, fake.LastStatus.Decisions[^1].Outcome));
        Assert.False(timer.WasCancelled);
    }

    [Fact]
    public void RunAsync_RepeatedDecisionId_IsAppliedOnce()
    {
        // Arrange
        var fake = PendingPlan(out _);
        ReplyToModifyByAddingAStep(fake);
        fake.Raise(PlanEvents.Modify, new { feedback = "Add a health check", decisionId = "d-1" });

        // Act
        fake.Raise(PlanEvents.Modify, new { feedback = "Add a health check", decisionId = "d-1" });

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 2), (view.Status, view.Version));
        Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity)));
        Assert.Equal([DecisionOutcome.Applied, DecisionOutcome.Duplicate], view.Decisions.Select(d => d.Outcome));
        Assert.Equal("The decision 'd-1' was already applied.", view.Decisions[^1].Detail);
        Assert.Equal(3, view.Steps.Count);
    }

    [Theory]
    [InlineData("true", null)]
    [InlineData("{}", null)]
    [InlineData("null", null)]
    [InlineData(null, null)]
    [InlineData("\"Ship it\"", "Ship it")]
    [InlineData("{\"Comment\":\"Ship it\",\"Approver\":\"bob\",\"unknown\":[1,2]}", "Ship it")]
    public void RunAsync_LenientApprovalPayload_Approves(string? payload, string? expectedComment)
    {
        // Arrange
        var fake = PendingPlan(out _);

        // Act
        fake.RaiseJson(PlanEvents.Approved, payload);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, expectedComment), (decision.Kind, decision.Outcome, decision.Comment));
    }

    [Fact]
    public void RunAsync_PlainStringModify_IsTheFeedback()
    {
        // Arrange
        var fake = PendingPlan(out _);
        ReplyToModifyByAddingAStep(fake);

        // Act
        fake.RaiseJson(PlanEvents.Modify, "\"Add a health check\"");

        // Assert
        Assert.Equal("Add a health check", Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity))).Input<ModifyPlanRequest>().Feedback);
        Assert.Equal(2, fake.LastStatus.Version);
    }

    [Fact]
    public void RunAsync_VersionAsString_IsReadAsANumber()
    {
        // Arrange
        var fake = PendingPlan(out _);
        ReplyToModifyByAddingAStep(fake);
        fake.RaiseJson(PlanEvents.Modify, """{"version":"1","feedback":"Add a health check"}""");

        // Act
        fake.RaiseJson(PlanEvents.Approved, """{"version":"1"}""");
        var afterStale = fake.LastStatus;
        fake.RaiseJson(PlanEvents.Approved, """{"version":"2"}""");

        // Assert
        Assert.Equal(DecisionOutcome.Stale, afterStale.Decisions[^1].Outcome);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal([DecisionOutcome.Applied, DecisionOutcome.Stale, DecisionOutcome.Applied], fake.Output.Decisions.Select(d => d.Outcome));
    }

    [Theory]
    [InlineData(PlanEvents.Approved, "false", "The event's payload was false.")]
    [InlineData(PlanEvents.Rejected, "false", "The event's payload was false.")]
    [InlineData(PlanEvents.Approved, "{\"version\":\"two\"}", "The version '\"two\"' is not a whole number.")]
    [InlineData(PlanEvents.Approved, "[1]", "payload is not understood")]
    [InlineData(PlanEvents.Modify, "true", "A modification needs feedback or a plan.")]
    [InlineData(PlanEvents.Modify, "{\"plan\":{\"steps\":\"not a list\"}}", "The plan could not be read")]
    public void RunAsync_UnusablePayload_IsRefusedAndThePlanStaysPending(string eventName, string payload, string expectedDetail)
    {
        // Arrange
        var fake = PendingPlan(out var timer);

        // Act
        fake.RaiseJson(eventName, payload);

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 1), (view.Status, view.Version));
        var decision = Assert.Single(view.Decisions);
        Assert.Equal(DecisionOutcome.Refused, decision.Outcome);
        Assert.Contains(expectedDetail, decision.Detail, StringComparison.Ordinal);

        Assert.False(timer.WasCancelled);
        Assert.Empty(fake.CallsOf(nameof(ModifyPlanActivity)));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_Rejected_EndsCancelledWithReasonAndBy()
    {
        // Arrange
        var fake = PendingPlan(out var timer);

        // Act
        fake.Raise(PlanEvents.Rejected, new { version = 1, reason = "Too risky today", by = "bob" });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Rejected by bob: Too risky today", output.Error);
        Assert.False(output.UserApproved);
        Assert.Null(output.ApprovalExpiresAt);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Reject, DecisionOutcome.Applied, "bob", "Too risky today"), (decision.Kind, decision.Outcome, decision.By, decision.Comment));
        Assert.All(output.Steps, step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        Assert.True(timer.WasCancelled);
    }

    [Fact]
    public void RunAsync_NoDecisionBeforeTheDeadline_EndsCancelledWithATimeoutDecision()
    {
        // Arrange
        var fake = PendingPlan(out var timer);

        // Act
        fake.Fire(timer);

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("No decision within 01:00:00; the plan was cancelled.", output.Error);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Timeout, DecisionOutcome.Applied), (decision.Kind, decision.Outcome));
        Assert.Equal(output.Error, decision.Detail);
        Assert.Equal(timer.FireAt, decision.At.UtcDateTime);
        Assert.Equal(timer.FireAt, output.UpdatedAt.UtcDateTime);
        Assert.Null(output.ApprovalExpiresAt);
        Assert.All(output.Steps, step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_CancelWhilePendingApproval_EndsCancelled()
    {
        // Arrange
        var fake = PendingPlan(out var timer);

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "No longer needed", by = "alice", version = 42 });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal("Cancelled by alice: No longer needed", output.Error);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Cancel, DecisionOutcome.Applied, "alice"), (decision.Kind, decision.Outcome, decision.By));
        Assert.True(timer.WasCancelled);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    /// <summary>A two-step given plan waiting for approval at version 1 (deadline one hour on).</summary>
    private static OrchestrationContextFake PendingPlan(out FakeTimer timer)
    {
        var fake = Fakes.Context();
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
        timer = Assert.Single(fake.Timers);
        return fake;
    }

    /// <summary>The model adds one step, and returns an id and a version the orchestrator must not trust.</summary>
    private static void ReplyToModifyByAddingAStep(OrchestrationContextFake fake) =>
        fake.Reply(nameof(ModifyPlanActivity), call =>
        {
            var revised = call.Input<ModifyPlanRequest>().Plan;
            revised.Steps.Add(TestPlans.Step($"s{revised.Steps.Count + 1}"));
            revised.TaskId = "chosen-by-the-model";
            revised.Version = 99;
            return revised;
        });
}
