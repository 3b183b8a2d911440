using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>
/// Replay safety: everything the orchestrator records comes from the context (time, id) or from activities,
/// and the same history gives the same decisions and statuses.
/// </summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_EveryTimestamp_ComesFromTheOrchestrationClock()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Tick = TimeSpan.FromMinutes(7);

        // Act
        RunLongScenario(fake);

        // Assert
        var timeout = TimeSpan.FromHours(1);
        var allowed = fake.ClockReadings.Concat(fake.ClockReadings.Select(t => t + timeout)).ToHashSet();
        var stamps = fake.Statuses.SelectMany(view => Timestamps(view)).ToList();
        Assert.NotEmpty(stamps);
        Assert.All(stamps, stamp =>
        {
            Assert.Equal(TimeSpan.Zero, stamp.Offset);
            Assert.Contains(stamp.UtcDateTime, allowed);
        });
        Assert.Equal(OrchestrationContextFake.StartTime, fake.Output.CreatedAt.UtcDateTime);
        Assert.Equal(fake.Now, fake.Output.UpdatedAt.UtcDateTime);
        Assert.All(fake.Statuses, view => Assert.Equal(fake.InstanceId, view.Id));
    }

    [Fact]
    public void RunAsync_SameHistoryTwice_GivesTheSameStatusesAndActivityInputs()
    {
        // Arrange
        var first = Fakes.Context();
        var second = Fakes.Context();

        // Act
        RunLongScenario(first);
        RunLongScenario(second);

        // Assert
        Assert.Equal(first.StatusJson, second.StatusJson);
        Assert.Equal(first.Calls.Select(c => (c.Name, c.InputJson)), second.Calls.Select(c => (c.Name, c.InputJson)));
        Assert.Equal(first.Timers.Select(t => t.FireAt), second.Timers.Select(t => t.FireAt));
    }

    [Fact]
    public void RunAsync_LongScenario_NeverCancelsAWaiterNorLosesAnEvent()
    {
        // Arrange
        var fake = Fakes.Context();

        // Act
        RunLongScenario(fake);

        // Assert
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.All(fake.Waiters, waiter => Assert.False(waiter.WasCancelled));
        Assert.Empty(fake.LostEvents);
        Assert.Empty(fake.Violations);
        Assert.All(fake.Timers.AsEnumerable(), timer => Assert.True(timer.WasCancelled || timer.HasFired));
        fake.Mock.Verify(c => c.NewGuid(), Times.Never());
    }

    [Fact]
    public void RunAsync_ApprovalForTheOldVersionDuringAModification_IsStale()
    {
        // Arrange
        var fake = PendingPlan(out _);
        fake.Hold(nameof(ModifyPlanActivity));
        fake.Raise(PlanEvents.Modify, new { version = 1, feedback = "Add a health check" });
        var modifying = Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity)));

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob" });
        var request = modifying.Input<ModifyPlanRequest>();
        request.Plan.Steps.Add(TestPlans.Step("s3"));
        fake.Complete(modifying, request.Plan);

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((PlanStatus.PendingApproval, 2), (view.Status, view.Version));
        Assert.Equal(
            [(DecisionKind.Modify, DecisionOutcome.Applied), (DecisionKind.Approve, DecisionOutcome.Stale)],
            view.Decisions.Select(d => (d.Kind, d.Outcome)));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_CancelDuringAModification_EndsCancelledOnceTheModelAnswers()
    {
        // Arrange
        var fake = PendingPlan(out _);
        fake.Hold(nameof(ModifyPlanActivity));
        fake.Raise(PlanEvents.Modify, "Add a health check");
        var modifying = Assert.Single(fake.CallsOf(nameof(ModifyPlanActivity)));

        // Act
        fake.Raise(PlanEvents.Cancel, new { reason = "Enough" });
        fake.Complete(modifying, modifying.Input<ModifyPlanRequest>().Plan);

        // Assert
        var output = fake.Output;
        Assert.Equal((PlanStatus.Cancelled, "Cancelled: Enough"), (output.Status, output.Error));
        Assert.All(fake.Timers, timer => Assert.True(timer.WasCancelled));
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    /// <summary>
    /// Given plan → stale approval → modify by feedback → modify by replacement → approve → three steps.
    /// </summary>
    private static void RunLongScenario(OrchestrationContextFake fake)
    {
        ReplyToModifyByAddingAStep(fake);
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));
        fake.Raise(PlanEvents.Approved, new { version = 3, approver = "bob" });
        fake.Raise(PlanEvents.Modify, new { version = 1, feedback = "Add a health check", by = "bob", decisionId = "m-1" });
        fake.Raise(PlanEvents.Modify, new
        {
            version = 2,
            by = "carol",
            plan = new { steps = new[] { "r1", "r2", "r3" }.Select(id => new { id, toolName = TestPlans.Tool, parameters = new { text = id } }) },
        });
        fake.Raise(PlanEvents.Modify, new { feedback = "Add a health check", decisionId = "m-1" });
        fake.Raise(PlanEvents.Approved, new { version = 3, approver = "bob", comment = "Go" });
    }

    private static IEnumerable<DateTimeOffset> Timestamps(PlanView view)
    {
        yield return view.CreatedAt;
        yield return view.UpdatedAt;
        if (view.ApprovalExpiresAt is { } expiresAt)
        {
            yield return expiresAt;
        }

        foreach (var revision in view.Revisions)
        {
            yield return revision.At;
        }

        foreach (var decision in view.Decisions)
        {
            yield return decision.At;
        }
    }
}
