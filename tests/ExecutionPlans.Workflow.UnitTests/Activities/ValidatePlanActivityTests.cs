using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.UnitTests.TestSupport;
using Microsoft.DurableTask;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Activities;

public sealed class ValidatePlanActivityTests
{
    private readonly ValidatePlanActivity activity = new(
        new ToolCatalog(new StubTool(TestPlans.Tool, StubTool.TextSchema, _ => Task.FromResult("ok"))));

    [Fact]
    public async Task RunAsync_ValidPlan_ReturnsNoErrors()
    {
        // Arrange
        var plan = TestPlans.PlanOf("s1", "s2");

        // Act
        var errors = await activity.RunAsync(Context(), plan);

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RunAsync_EmptyPlan_ReturnsEmptyPlan()
    {
        // Arrange
        var plan = new ExecutionPlan { Description = "Nothing" };

        // Act
        var errors = await activity.RunAsync(Context(), plan);

        // Assert
        Assert.Equal(PlanValidationCodes.EmptyPlan, Assert.Single(errors).Code);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ReturnsEveryError()
    {
        // Arrange
        var plan = TestPlans.PlanOf("s1", "s1");
        plan.Steps.Add(TestPlans.Step("s3", toolName: "missing"));
        plan.Steps[0].Parameters = [];

        // Act
        var errors = await activity.RunAsync(Context(), plan);

        // Assert
        Assert.Equal(
            [PlanValidationCodes.InvalidParameters, PlanValidationCodes.DuplicateStepId, PlanValidationCodes.UnknownTool],
            errors.Select(e => e.Code));
        Assert.Equal(["s1", "s1", "s3"], errors.Select(e => e.StepId));
    }

    [Fact]
    public async Task RunAsync_NullPlan_Throws()
    {
        // Arrange
        var context = Context();

        // Act
        var exception = await Record.ExceptionAsync(() => activity.RunAsync(context, null!));

        // Assert
        Assert.IsType<ArgumentNullException>(exception);
    }

    private static TaskActivityContext Context() => new Mock<TaskActivityContext>().Object;
}
