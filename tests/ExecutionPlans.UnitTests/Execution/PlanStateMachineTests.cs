using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.UnitTests.Execution;

public sealed class PlanStateMachineTests
{
    private static readonly DateTimeOffset At = TestPlans.Created.AddMinutes(1);

    public static TheoryData<PlanStatus, PlanTrigger> EveryStatusAndTrigger()
    {
        var data = new TheoryData<PlanStatus, PlanTrigger>();
        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            foreach (var trigger in Enum.GetValues<PlanTrigger>())
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndTrigger))]
    public void Fire_EveryStatusAndTrigger_MovesAsTheTableSaysOrThrows(PlanStatus from, PlanTrigger trigger)
    {
        // Arrange: a failed plan is taken as recoverable here; failed for good it has no way out (below).
        var machine = Machine(from);
        machine.Recoverable = from == PlanStatus.Failed;

        // Act
        var moved = PlanStateMachine.Transitions.TryGetValue((from, trigger), out var expected);
        var exception = Record.Exception(() => machine.Fire(trigger, At));

        // Assert
        if (moved)
        {
            Assert.Null(exception);
            Assert.Equal(expected, machine.Plan.Status);
            Assert.True(machine.Plan.UpdatedAt >= At);
        }
        else
        {
            Assert.IsType<PlanStateException>(exception);
            Assert.Equal(from, machine.Plan.Status);
        }
    }

    [Fact]
    public void Transitions_FinalStatuses_HaveNoWayOutButARecoverableFailure()
    {
        // Act
        var fromFinal = PlanStateMachine.Transitions.Keys.Where(key => key.From.IsFinal()).ToList();

        // Assert
        Assert.All(fromFinal, key => Assert.Equal(PlanStatus.Failed, key.From));
        Assert.Equal(
            [PlanTrigger.ModificationStarted, PlanTrigger.Rejected, PlanTrigger.Cancelled, PlanTrigger.RetryRequested],
            fromFinal.Select(key => key.Trigger).Order());
    }

    [Theory]
    [MemberData(nameof(EveryTrigger))]
    public void Fire_FailedForGood_ThrowsOnEveryTrigger(PlanTrigger trigger)
    {
        // Arrange
        var machine = Machine(PlanStatus.Failed);

        // Act
        var exception = Record.Exception(() => machine.Fire(trigger, At));

        // Assert
        Assert.IsType<PlanStateException>(exception);
        Assert.Equal(PlanStatus.Failed, machine.Plan.Status);
    }

    public static TheoryData<PlanTrigger> EveryTrigger() => [.. Enum.GetValues<PlanTrigger>()];

    [Fact]
    public void ResetForRetry_RecoverableFailure_MakesFailedAndSkippedStepsPendingAndKeepsTheSucceeded()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1", "s2", "s3");
        machine.StartStep(0, [], At);
        machine.SucceedStep(0, "one", false, At);
        machine.StartStep(1, [], At);
        machine.FailStep(1, "HTTP 500", At);
        machine.Fire(PlanTrigger.Failed, At, "Not run: the plan failed.");
        machine.Recoverable = true;

        // Act
        machine.ResetForRetry();
        machine.Fire(PlanTrigger.RetryRequested, At);

        // Assert
        Assert.Equal(PlanStatus.Executing, machine.Plan.Status);
        Assert.False(machine.Recoverable);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Pending, StepStatus.Pending], machine.Plan.Steps.Select(s => s.Status));
        Assert.Equal(["one", null, null], machine.Plan.Steps.Select(s => s.Output));
        Assert.All(machine.Plan.Steps.Skip(1), step => Assert.Null(step.Error));
        Assert.Equal([1], machine.ReadySteps());
        Assert.Null(machine.NotNow(DecisionKind.Cancel));
    }

    [Fact]
    public void NotNow_RecoverableFailure_TakesRetryModifyRejectAndCancelButNotApprove()
    {
        // Arrange
        var machine = Machine(PlanStatus.Failed);
        machine.Recoverable = true;

        // Act + Assert
        Assert.All([DecisionKind.Retry, DecisionKind.Modify, DecisionKind.Reject, DecisionKind.Cancel], kind => Assert.Null(machine.NotNow(kind)));
        Assert.Contains("retry", machine.NotNow(DecisionKind.Approve), StringComparison.Ordinal);
        machine.Recoverable = false;
        Assert.Contains("has ended", machine.NotNow(DecisionKind.Retry), StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_EndWhileAStepRuns_Throws()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1");
        machine.StartStep(0, [], At);

        // Act
        var exception = Assert.Throws<PlanStateException>(() => machine.Fire(PlanTrigger.Completed, At));

        // Assert
        Assert.Contains("still run", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_Ending_SkipsStepsThatNeverRanWithTheReason()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1", "s2");
        machine.StartStep(0, [], At);
        machine.FailStep(0, "boom", At);

        // Act
        machine.Fire(PlanTrigger.Failed, At, "Step 's1' failed: boom");

        // Assert
        Assert.Equal((StepStatus.Skipped, "Step 's1' failed: boom"), (machine.Plan.Steps[1].Status, machine.Plan.Steps[1].Error));
    }

    [Theory]
    [InlineData(StepStatus.Succeeded)]
    [InlineData(StepStatus.Failed)]
    public void StartStep_StepNotPending_Throws(StepStatus status)
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1");
        machine.StartStep(0, [], At);
        if (status == StepStatus.Succeeded)
        {
            machine.SucceedStep(0, "ok", false, At);
        }
        else
        {
            machine.FailStep(0, "no", At);
        }

        // Act & Assert
        Assert.Throws<PlanStateException>(() => machine.StartStep(0, [], At));
        Assert.Throws<PlanStateException>(() => machine.SucceedStep(0, "again", false, At));
    }

    [Fact]
    public void ReadySteps_Chain_OffersEachStepOnlyAfterTheOneBefore()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1", "s2");

        // Act
        var first = machine.ReadySteps();
        machine.StartStep(0, [], At);
        var whileRunning = machine.ReadySteps();
        machine.SucceedStep(0, "ok", false, At);
        var after = machine.ReadySteps();

        // Assert
        Assert.Equal([0], first);
        Assert.Empty(whileRunning);
        Assert.Equal([1], after);
        Assert.Equal("ok", machine.OutputOf("s1"));
        Assert.Null(machine.OutputOf("s2"));
    }

    [Fact]
    public void RunningSteps_StepsStartAndEnd_CountsTheOnesStillRunning()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1", "s2", "s3");
        machine.Plan.Steps.ForEach(step => step.DependsOn = []);

        // Act
        var counts = new List<int> { machine.RunningSteps };
        machine.StartStep(0, [], At);
        machine.StartStep(1, [], At);
        counts.Add(machine.RunningSteps);
        machine.FailBeforeStart(2, "no value", At);
        counts.Add(machine.RunningSteps);
        machine.SucceedStep(0, "ok", false, At);
        counts.Add(machine.RunningSteps);
        machine.FailStep(1, "no", At);
        counts.Add(machine.RunningSteps);

        // Assert
        Assert.Equal([0, 2, 2, 1, 0], counts);
        Assert.Equal(PlanStatus.Failed, machine.Fire(PlanTrigger.Failed, At));
    }

    [Fact]
    public void ReadySteps_NotExecuting_OffersNothing()
    {
        // Arrange
        var machine = Machine(PlanStatus.Executing, "s1", "s2");
        machine.StartStep(0, [], At);
        machine.Fire(PlanTrigger.CancelRequested, At);
        machine.SucceedStep(0, "ok", false, At);

        // Act
        var ready = machine.ReadySteps();

        // Assert
        Assert.Empty(ready);
        Assert.Equal(PlanStatus.Cancelled, machine.Fire(PlanTrigger.Drained, At));
        Assert.Equal((StepStatus.Succeeded, StepStatus.Skipped), (machine.Plan.Steps[0].Status, machine.Plan.Steps[1].Status));
    }

    public static TheoryData<PlanStatus, DecisionKind, string?> WhenDecisionsApply() => new()
    {
        { PlanStatus.PendingApproval, DecisionKind.Approve, null },
        { PlanStatus.PendingApproval, DecisionKind.Cancel, null },
        { PlanStatus.Draft, DecisionKind.Approve, "not awaiting approval" },
        { PlanStatus.Draft, DecisionKind.Cancel, null },
        { PlanStatus.Approved, DecisionKind.Modify, "approved" },
        { PlanStatus.Executing, DecisionKind.Approve, "executing" },
        { PlanStatus.Executing, DecisionKind.Reject, "executing" },
        { PlanStatus.Executing, DecisionKind.Cancel, null },
        { PlanStatus.Cancelling, DecisionKind.Cancel, "already being cancelled" },
        { PlanStatus.Cancelling, DecisionKind.Approve, "cancelling" },
        { PlanStatus.Completed, DecisionKind.Approve, "has ended" },
        { PlanStatus.Failed, DecisionKind.Cancel, "has ended" },
        { PlanStatus.Cancelled, DecisionKind.Modify, "has ended" },
    };

    [Theory]
    [MemberData(nameof(WhenDecisionsApply))]
    public void NotNow_DecisionInAStatus_SaysWhyItCannotApply(PlanStatus status, DecisionKind kind, string? reason)
    {
        // Arrange
        var machine = Machine(status);

        // Act
        var notNow = machine.NotNow(kind);

        // Assert
        if (reason is null)
        {
            Assert.Null(notNow);
        }
        else
        {
            Assert.Contains(reason, notNow, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Record_EveryDecision_IsKeptOnceWithItsOutcome()
    {
        // Arrange
        var machine = Machine(PlanStatus.PendingApproval);

        // Act
        machine.Record(DecisionKind.Approve, DecisionOutcome.Applied, 1, "d-1", "bob", "go", null, At);
        machine.Record(DecisionKind.Approve, DecisionOutcome.Duplicate, 1, "d-1", "bob", "go", "again", At);

        // Assert
        Assert.Equal([DecisionOutcome.Applied, DecisionOutcome.Duplicate], machine.Decisions.Select(d => d.Outcome));
        Assert.True(machine.WasApplied("d-1"));
        Assert.False(machine.WasApplied("d-2"));
    }

    [Fact]
    public void Constructor_TakingUpAPlanWithItsDecisions_KeepsThemAndKnowsWhichApplied()
    {
        // Arrange: a plan handed over between executions, one step done.
        var first = Machine(PlanStatus.Executing, "s1", "s2");
        first.StartStep(0, [], At);
        first.SucceedStep(0, "done", false, At);
        first.Record(DecisionKind.Approve, DecisionOutcome.Applied, 1, "approve-1", "bob", null, null, At);
        first.Record(DecisionKind.Approve, DecisionOutcome.Ignored, 1, "approve-2", "eve", null, "late", At);

        // Act
        var next = new PlanStateMachine(first.Plan, first.Decisions);

        // Assert
        Assert.Equal(first.Decisions, next.Decisions);
        Assert.True(next.WasApplied("approve-1"));
        Assert.False(next.WasApplied("approve-2"));
        Assert.Equal([1], next.ReadySteps());
        Assert.Equal("done", next.OutputOf("s1"));
    }

    [Fact]
    public void Constructor_TakingUpAPlanWithARunningStep_Throws()
    {
        // Arrange
        var first = Machine(PlanStatus.Executing, "s1");
        first.StartStep(0, [], At);

        // Act
        var exception = Record.Exception(() => new PlanStateMachine(first.Plan, []));

        // Assert
        Assert.IsType<PlanStateException>(exception);
    }

    private static PlanStateMachine Machine(PlanStatus status, params string[] steps)
    {
        var plan = TestPlans.PlanOf(steps.Length == 0 ? ["s1"] : steps);
        plan.Status = status;
        plan.CreatedAt = plan.UpdatedAt = TestPlans.Created;
        return new PlanStateMachine(plan);
    }
}
