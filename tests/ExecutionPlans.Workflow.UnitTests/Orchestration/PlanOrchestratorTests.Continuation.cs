using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Long plans continue as new executions every so many steps, so their history stays short, and lose nothing on the way.</summary>
public sealed partial class PlanOrchestratorTests
{
    private static readonly int LongPlanSteps = (2 * PlanWorkflowRun.StepsPerExecution) + 5;

    [Fact]
    public void RunAsync_LongChain_ContinuesAsNewAndCompletesWithEveryResult()
    {
        // Arrange
        var fake = Fakes.Context();
        var ids = Enumerable.Range(1, LongPlanSteps).Select(n => $"s{n}").ToArray();
        var plan = TestPlans.PlanOf(ids);
        plan.Steps[^1].Parameters["text"] = "last after {{steps.s1.output}}";

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));

        // Assert
        // (So many steps make the output an outline; views put the results back from the saved details.)
        var output = fake.Output;
        Assert.Equal(3, fake.Executions);
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(new string('s', LongPlanSteps), output.Outline!.Progress);
        var handedOver = fake.ContinuationInputs.Select(json => System.Text.Json.JsonSerializer.Deserialize<PlanOrchestrationInput>(json)!.Continuation!.Plan).ToList();
        Assert.Equal(ids.Take(handedOver[1].Steps.Count(s => s.Status == StepStatus.Succeeded)).Select(id => $"output of {id}"), handedOver[1].Steps.Where(s => s.Status == StepStatus.Succeeded).Select(s => s.Output));
        Assert.Equal("last after output of s1", StepOf(fake.CallsOf(nameof(ExecuteStepActivity))[^1]).Parameters["text"]!.GetValue<string>());
        Assert.Equal(LongPlanSteps, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
        Assert.Equal(ids, fake.CallsOf(nameof(ExecuteStepActivity)).Select(call => StepOf(call).Id));
        Assert.Equal(output.CreatedAt, fake.Statuses[0].CreatedAt);
        Assert.All(fake.Statuses, status => Assert.Equal(output.CreatedAt, status.CreatedAt));
        Assert.Equal([PlanStatus.Draft, PlanStatus.Executing, PlanStatus.Completed], fake.StatusTransitions);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_DecisionRightAfterTheHandover_IsRecordedOnceByTheNextExecution()
    {
        // Arrange: the approval comes in the episode that ends the first execution, after it handed over.
        var fake = OneStepBeforeTheHandover();

        // Act
        fake.CompleteThenRaise(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "ok", null), PlanEvents.Approved, new { decisionId = "late", by = "bob" });
        while (fake.CallsOf(nameof(ExecuteStepActivity)).FirstOrDefault(call => !call.IsCompleted) is { } next)
        {
            fake.Complete(next, new StepResult(true, "ok", null));
        }

        // Assert
        Assert.Equal(3, fake.Executions);
        var output = fake.Output;
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Ignored, "late", "bob"), (decision.Kind, decision.Outcome, decision.DecisionId, decision.By));
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Empty(fake.LostEvents);
    }

    [Fact]
    public void RunAsync_CancelRightAtTheHandover_EndsThePlanCancelled()
    {
        // Arrange
        var fake = OneStepBeforeTheHandover();

        // Act
        fake.CompleteThenRaise(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "ok", null), PlanEvents.Cancel, new { reason = "stop", by = "bob" });

        // Assert: the cancel reaches the next execution after it started its first step, which finishes.
        var cancelling = fake.LastStatus;
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "ok", null));
        var output = fake.Output;
        Assert.Equal(PlanStatus.Cancelling, cancelling.Status);
        Assert.Equal(PlanStatus.Cancelled, output.Status);
        Assert.Equal(PlanWorkflowRun.StepsPerExecution + 1, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
        Assert.Equal(new string('s', PlanWorkflowRun.StepsPerExecution + 1) + new string('k', LongPlanSteps - PlanWorkflowRun.StepsPerExecution - 1), output.Outline!.Progress);
        var decision = Assert.Single(output.Decisions);
        Assert.Equal((DecisionKind.Cancel, DecisionOutcome.Applied, "bob"), (decision.Kind, decision.Outcome, decision.By));
    }

    [Fact]
    public void RunAsync_WideGraphThatAlwaysRuns_StopsStartingAtTheCapAndContinues()
    {
        // Arrange: independent steps, eight at once, each replaced as it ends: some step always runs.
        var steps = Enumerable.Range(1, PlanWorkflowRun.MaxStepsPerExecution + 10).Select(i => Independent($"s{i}")).ToArray();
        var input = TestPlans.Given(TestPlans.Plan("wide", steps), requireApproval: false);
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), input);

        // Act
        var startedBeforeHandover = 0;
        while (fake.CallsOf(nameof(ExecuteStepActivity)).FirstOrDefault(call => !call.IsCompleted) is { } next)
        {
            fake.Complete(next, new StepResult(true, "ok", null));
            if (fake.Executions == 1)
            {
                startedBeforeHandover = fake.CallsOf(nameof(ExecuteStepActivity)).Count;
            }
        }

        // Assert
        Assert.Equal(PlanWorkflowRun.MaxStepsPerExecution, startedBeforeHandover);
        Assert.Equal(2, fake.Executions);
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal(steps.Length, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
    }

    [Fact]
    public void RunAsync_DecisionsAfterTheEnd_AreRecordedAsIgnoredBeforeTheWorkflowEnds()
    {
        // Arrange: the plan has completed; its outcome notification is still being sent.
        var fake = Fakes.Context();
        fake.Hold(nameof(Notifications.NotifyApproversActivity));
        var input = TestPlans.Given(TestPlans.PlanOf("s1"), requireApproval: false);
        input.NotificationChannels = ["teams"];
        fake.Start(new PlanOrchestrator(), input);
        var outcome = Assert.Single(fake.CallsOf(nameof(Notifications.NotifyApproversActivity)));

        // Act
        fake.Raise(PlanEvents.Approved, new { decisionId = "too-late", by = "bob" });
        fake.Raise(PlanEvents.Cancel, new { reason = "too late as well", by = "carol" });
        fake.Complete(outcome, new NotificationDelivery { Channel = "teams", Sent = 1 });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(
            [(DecisionKind.Cancel, DecisionOutcome.Ignored, "carol", "The plan has ended (completed)."), (DecisionKind.Approve, DecisionOutcome.Ignored, "bob", "The plan has ended (completed).")],
            output.Decisions.Select(d => (d.Kind, d.Outcome, d.By, d.Detail)));
    }

    /// <summary>A long chain whose first execution has one step left to finish before it hands over.</summary>
    private static OrchestrationContextFake OneStepBeforeTheHandover()
    {
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        var plan = TestPlans.PlanOf([.. Enumerable.Range(1, LongPlanSteps).Select(n => $"s{n}")]);
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));
        for (var n = 1; n < PlanWorkflowRun.StepsPerExecution; n++)
        {
            fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "ok", null));
        }

        return fake;
    }
}
