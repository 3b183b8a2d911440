using ExecutionPlans.Planning;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using Microsoft.DurableTask;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Activities;

public sealed class ModifyPlanActivityTests
{
    [Fact]
    public async Task RunAsync_Request_PassesPlanAndFeedbackToTheGenerator()
    {
        // Arrange
        var current = TestPlans.PlanOf("s1");
        var revised = TestPlans.PlanOf("s1", "s2");
        var generator = new Mock<IExecutionPlanGenerator>();
        generator.Setup(g => g.ModifyExecutionPlanAsync(current, "Add a step", It.IsAny<CancellationToken>())).ReturnsAsync(revised);
        var activity = new ModifyPlanActivity(generator.Object);

        // Act
        var result = await activity.RunAsync(new Mock<TaskActivityContext>().Object, new ModifyPlanRequest(current, "Add a step"));

        // Assert
        Assert.Same(revised, result);
    }

    [Fact]
    public async Task RunAsync_NullRequest_Throws()
    {
        // Arrange
        var activity = new ModifyPlanActivity(new Mock<IExecutionPlanGenerator>().Object);

        // Act
        var exception = await Record.ExceptionAsync(() => activity.RunAsync(new Mock<TaskActivityContext>().Object, null!));

        // Assert
        Assert.IsType<ArgumentNullException>(exception);
    }
}
