using ExecutionPlans.Planning;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using Microsoft.DurableTask;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Activities;

public sealed class GeneratePlanActivityTests
{
    [Fact]
    public async Task RunAsync_Request_ReturnsTheGeneratorsPlan()
    {
        // Arrange
        var plan = TestPlans.PlanOf("s1");
        var generator = new Mock<IExecutionPlanGenerator>();
        generator.Setup(g => g.GenerateExecutionPlanAsync("Restart the web app", It.IsAny<CancellationToken>())).ReturnsAsync(plan);
        var activity = new GeneratePlanActivity(generator.Object);

        // Act
        var result = await activity.RunAsync(new Mock<TaskActivityContext>().Object, "Restart the web app");

        // Assert
        Assert.Same(plan, result);
    }

    [Fact]
    public async Task RunAsync_GeneratorFails_LetsTheFailureThrough()
    {
        // Arrange: the orchestrator turns the activity's failure into a failed plan.
        var generator = new Mock<IExecutionPlanGenerator>();
        generator.Setup(g => g.GenerateExecutionPlanAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("The model is unavailable."));
        var activity = new GeneratePlanActivity(generator.Object);

        // Act
        var exception = await Record.ExceptionAsync(() => activity.RunAsync(new Mock<TaskActivityContext>().Object, "Restart"));

        // Assert
        Assert.Equal("The model is unavailable.", Assert.IsType<InvalidOperationException>(exception).Message);
    }
}
