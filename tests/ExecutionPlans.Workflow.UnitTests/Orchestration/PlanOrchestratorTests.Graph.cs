using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Plans as graphs: parallel ready steps, outputs flowing into parameters, failures and cancels mid-graph.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_Diamond_RunsTheBranchesTogetherAndFeedsTheirOutputsWithTypes()
    {
        // Arrange: a → (b, c) → d; d reads a number from b and a text from c.
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(Diamond(), requireApproval: false));

        // Act
        var a = Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
        fake.Complete(a, new StepResult(true, """{"json": {"count": 3}}""", null));
        var branches = fake.CallsOf(nameof(ExecuteStepActivity)).Skip(1).ToList();
        fake.Complete(branches.Single(call => StepOf(call).Id == "b"), new StepResult(true, """{"json": {"replicas": 5}}""", null));
        fake.Complete(branches.Single(call => StepOf(call).Id == "c"), new StepResult(true, "api-1", null));
        var d = fake.CallsOf(nameof(ExecuteStepActivity))[^1];
        fake.Complete(d, new StepResult(true, "done", null));

        // Assert
        Assert.Equal(["b", "c"], branches.Select(call => StepOf(call).Id).Order());
        var parameters = StepOf(d).Parameters;
        Assert.Equal(5, parameters["replicas"]!.GetValue<int>());
        Assert.Equal("restart api-1 (3 found)", parameters["text"]!.GetValue<string>());
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(5, output.Steps[3].ResolvedParameters!["replicas"]!.GetValue<int>());
        Assert.Equal("{{steps.b.output.json.replicas}}", output.Steps[3].Parameters["replicas"]!.GetValue<string>());
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_WideFanOut_StartsAtMostMaxParallelStepsAtOnce()
    {
        // Arrange
        var steps = Enumerable.Range(1, 20).Select(i => Independent($"s{i}")).ToArray();
        var input = TestPlans.Given(TestPlans.Plan("fan out", steps), requireApproval: false);
        input.MaxParallelSteps = 8;
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), input);

        // Act
        var first = fake.CallsOf(nameof(ExecuteStepActivity)).Count;
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(true, "ok", null));
        var afterOne = fake.CallsOf(nameof(ExecuteStepActivity)).Count;
        while (fake.CallsOf(nameof(ExecuteStepActivity)).FirstOrDefault(call => !call.IsCompleted) is { } next)
        {
            fake.Complete(next, new StepResult(true, "ok", null));
        }

        // Assert
        Assert.Equal((8, 9), (first, afterOne));
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal(20, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
    }

    [Fact]
    public void RunAsync_FailureInOneBranch_LetsTheRunningStepFinishAndStartsNothingNew()
    {
        // Arrange: b and c run together after a; b fails while c runs; d (after c) must never start.
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(Diamond(), requireApproval: false));
        fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(true, """{"json": {"count": 1}}""", null));
        var branches = fake.CallsOf(nameof(ExecuteStepActivity)).Skip(1).ToList();

        // Act
        fake.Complete(branches.Single(call => StepOf(call).Id == "b"), new StepResult(false, null, "Disk full."));
        var whileDraining = fake.VisibleStatuses[^1];
        fake.Complete(branches.Single(call => StepOf(call).Id == "c"), new StepResult(true, "api-1", null));

        // Assert
        Assert.Equal(PlanStatus.Executing, whileDraining.Status);
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal(
            ["a:Succeeded", "b:Failed", "c:Succeeded", "d:Skipped"],
            output.Steps.Select(step => $"{step.Id}:{step.Status}"));
        Assert.Equal("Step 'b' (echo) failed: Disk full.", output.Error);
        Assert.Equal(3, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
    }

    [Fact]
    public void RunAsync_ReferenceThatDoesNotResolve_FailsTheStepWithoutCallingTheTool()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(ExecuteStepActivity), call => new StepResult(true, "not json", null));
        var reader = TestPlans.Step("s2", parameters: new JsonObject { ["text"] = "{{steps.s1.output.json.name}}" });

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.Plan("bad path", TestPlans.Step("s1"), reader), requireApproval: false));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal(StepStatus.Failed, output.Steps[1].Status);
        Assert.Contains("is not JSON", output.Steps[1].Error, StringComparison.Ordinal);
        Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity)));
    }

    [Fact]
    public void RunAsync_DecisionsWhileExecuting_AreRecordedAsIgnored()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(ExecuteStepActivity));
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "bob" });

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, by = "carol" });
        fake.Raise(PlanEvents.Modify, new { version = 1, by = "dave", feedback = "more" });
        fake.Raise(PlanEvents.Rejected, new { version = 1, by = "erin" });
        fake.Complete(Assert.Single(fake.CallsOf(nameof(ExecuteStepActivity))), new StepResult(true, "ok", null));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal(
            ["approve/Applied/bob", "approve/Ignored/carol", "modify/Ignored/dave", "reject/Ignored/erin"],
            output.Decisions.Select(d => $"{d.Kind.ToString().ToLowerInvariant()}/{d.Outcome}/{d.By}"));
        Assert.All(output.Decisions.Skip(1), d => Assert.Contains("executing", d.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void RunAsync_GraphReplayed_GivesTheSameStatusesAndCalls()
    {
        // Arrange
        static OrchestrationContextFake Run()
        {
            var fake = Fakes.Context();
            fake.Hold(nameof(ExecuteStepActivity));
            fake.Start(new PlanOrchestrator(), TestPlans.Given(Diamond(), requireApproval: false));
            fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[0], new StepResult(true, """{"json": {"count": 2}}""", null));
            foreach (var call in fake.CallsOf(nameof(ExecuteStepActivity)).Skip(1).OrderBy(call => StepOf(call).Id).ToList())
            {
                fake.Complete(call, new StepResult(true, """{"json": {"replicas": 1}}""", null));
            }

            fake.Complete(fake.CallsOf(nameof(ExecuteStepActivity))[^1], new StepResult(true, "done", null));
            return fake;
        }

        // Act
        var first = Run();
        var second = Run();

        // Assert
        Assert.Equal(first.StatusJson, second.StatusJson);
        Assert.Equal(first.Calls.Select(c => c.InputJson), second.Calls.Select(c => c.InputJson));
        Assert.Empty(first.Violations);
    }

    private static ExecutionPlan Diamond()
    {
        var a = Independent("a");
        var b = TestPlans.Step("b");
        b.DependsOn = ["a"];
        var c = TestPlans.Step("c");
        c.DependsOn = ["a"];
        var d = TestPlans.Step("d", parameters: new JsonObject
        {
            ["replicas"] = "{{steps.b.output.json.replicas}}",
            ["text"] = "restart {{steps.c.output}} ({{steps.a.output.json.count}} found)",
        });
        d.DependsOn = ["b", "c"];
        return TestPlans.Plan("diamond", a, b, c, d);
    }

    private static ExecutionStep Independent(string id)
    {
        var step = TestPlans.Step(id);
        step.DependsOn = [];
        return step;
    }

    private static ExecutionStep StepOf(FakeActivityCall call) => call.Input<ExecuteStepRequest>().Step;
}
