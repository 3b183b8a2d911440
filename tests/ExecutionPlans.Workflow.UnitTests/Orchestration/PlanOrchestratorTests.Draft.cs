using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Drafting: a generated plan, a given plan, and how each can fail.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_Request_GeneratesThePlanAndWaitsForApproval()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(GeneratePlanActivity), call => GeneratedPlan(call.Input<string>()));

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Request("Restart the web app"));

        // Assert
        var generate = Assert.Single(fake.CallsOf(nameof(GeneratePlanActivity)));
        Assert.Equal("Restart the web app", generate.Input<string>());
        Assert.Empty(fake.CallsOf(nameof(ValidatePlanActivity)));
        var view = fake.LastStatus;
        Assert.Equal(PlanStatus.PendingApproval, view.Status);
        Assert.Equal(fake.InstanceId, view.Id);
        Assert.Equal(1, view.Version);
        Assert.False(view.UserApproved);
        Assert.Equal(OrchestrationContextFake.StartTime, view.CreatedAt.UtcDateTime);
        Assert.All(view.Steps, step => Assert.Equal((StepStatus.Pending, null, null), (step.Status, step.Output, step.Error)));
        var revision = Assert.Single(view.Revisions);
        Assert.Equal((RevisionAction.Generated, "alice", "Restart the web app"), (revision.Action, revision.By, revision.Feedback));
        Assert.Single(fake.Timers);
    }

    [Fact]
    public void RunAsync_RequestApproved_RunsTheGeneratedSteps()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(GeneratePlanActivity), call => GeneratedPlan(call.Input<string>()));
        fake.Start(new PlanOrchestrator(), TestPlans.Request("Restart the web app"));

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1 });

        // Assert
        Assert.Equal(PlanStatus.Completed, fake.Output.Status);
        Assert.Equal(["g1", "g2"], fake.CallsOf(nameof(ExecuteStepActivity)).Select(c => c.Input<ExecuteStepRequest>().Step.Id));
        Assert.All(fake.CallsOf(nameof(ExecuteStepActivity)), call => Assert.Null(call.Input<ExecuteStepRequest>().Step.Output));
    }

    [Fact]
    public void RunAsync_PlanningFails_EndsFailedWithTheModelError()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(GeneratePlanActivity), call => throw OrchestrationContextFake.ActivityFailure(call.Name, "The model is unavailable."));

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Request("Restart the web app"));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("Planning failed: The model is unavailable.", output.Error);
        Assert.Empty(output.Steps);
        Assert.Empty(fake.Timers);
        Assert.Equal([PlanStatus.Draft, PlanStatus.Failed], fake.StatusTransitions);
        Assert.Equal(output.Status, fake.LastStatus.Status);
    }

    [Fact]
    public void RunAsync_InvalidGivenPlan_EndsFailedWithTheValidationErrors()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(ValidatePlanActivity), _ => new List<PlanValidationError>
        {
            new(PlanValidationCodes.UnknownTool, "Step 1 calls the unknown tool 'nope'.", "s1"),
            new(PlanValidationCodes.MissingStepId, "Step 2 has no id."),
        });

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2")));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("The plan is not valid: Step 's1': Step 1 calls the unknown tool 'nope'.; Step 2 has no id.", output.Error);
        Assert.All(output.Steps, step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Empty(fake.Timers);
        Assert.Empty(fake.CallsOf(nameof(ExecuteStepActivity)));
        var validated = Assert.Single(fake.CallsOf(nameof(ValidatePlanActivity))).Input<ExecutionPlan>();
        Assert.Equal((fake.InstanceId, 1), (validated.TaskId, validated.Version));
    }

    [Fact]
    public void RunAsync_ApprovalNotRequired_RunsWithoutWaiting()
    {
        // Arrange
        var fake = Fakes.Context();

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1", "s2"), requireApproval: false));

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.False(output.UserApproved);
        Assert.False(output.RequireApproval);
        Assert.Empty(output.Decisions);
        Assert.Empty(fake.Timers);
        Assert.Equal([PlanStatus.Draft, PlanStatus.Executing, PlanStatus.Completed], fake.StatusTransitions);
        Assert.Equal(2, fake.CallsOf(nameof(ExecuteStepActivity)).Count);
    }

    [Fact]
    public void RunAsync_GivenPlanWithResults_StartsFromCleanSteps()
    {
        // Arrange
        var fake = Fakes.Context();
        var plan = TestPlans.PlanOf("s1");
        plan.TaskId = "chosen-by-the-caller";
        plan.Version = 7;
        plan.Status = PlanStatus.Completed;
        plan.UserApproved = true;
        plan.Error = "old error";
        plan.Steps[0].Status = StepStatus.Succeeded;
        plan.Steps[0].Output = "old output";

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan));

        // Assert
        var view = fake.LastStatus;
        Assert.Equal((fake.InstanceId, 1, PlanStatus.PendingApproval, false, null), (view.Id, view.Version, view.Status, view.UserApproved, view.Error));
        Assert.Equal((StepStatus.Pending, null), (view.Steps[0].Status, view.Steps[0].Output));
    }

    private static ExecutionPlan GeneratedPlan(string request)
    {
        var plan = TestPlans.PlanOf("g1", "g2");
        plan.TaskId = "chosen-by-the-generator";
        plan.Status = PlanStatus.Approved;
        plan.UserApproved = true;
        plan.Steps[0].Status = StepStatus.Succeeded;
        plan.Steps[0].Output = "left over";
        plan.Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Generated, Feedback = request }];
        return plan;
    }
}
