using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Testing;

namespace ExecutionPlans.UnitTests.Planning;

public sealed class PlanPromptsTests
{
    [Fact]
    public void ModifyMessage_FailedPlan_ShowsTheModelTheFailureAndTheSucceededOutputs()
    {
        // Arrange
        var plan = TestPlans.PlanOf("s1", "s2", "s3");
        plan.Status = PlanStatus.Failed;
        plan.Error = "Step 's2' (echo) failed: HTTP 404";
        plan.Steps[0].Status = StepStatus.Succeeded;
        plan.Steps[0].Output = """{"pods": ["api-1"]}""" + new string('x', 1_000);
        plan.Steps[1].Status = StepStatus.Failed;
        plan.Steps[1].Error = "HTTP 404";
        plan.Steps[2].Status = StepStatus.Skipped;

        // Act
        var message = PlanPrompts.ModifyMessage(plan, "Use the other endpoint for s2");

        // Assert
        Assert.Contains("The plan ran and failed: Step 's2' (echo) failed: HTTP 404", message, StringComparison.Ordinal);
        Assert.Contains("- s1 succeeded; its output: {\"pods\": [\"api-1\"]}", message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 600), message, StringComparison.Ordinal);
        Assert.Contains("- s2 failed: HTTP 404", message, StringComparison.Ordinal);
        Assert.Contains("- s3 did not run.", message, StringComparison.Ordinal);
        Assert.Contains("do not run again", message, StringComparison.Ordinal);
        Assert.EndsWith("Use the other endpoint for s2\n\nAnswer with the complete revised plan as one JSON object.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModifyMessage_PendingPlan_SaysNothingAboutARun()
    {
        var message = PlanPrompts.ModifyMessage(TestPlans.PlanOf("s1"), "Add a check");

        Assert.DoesNotContain("failed", message, StringComparison.Ordinal);
    }
}
