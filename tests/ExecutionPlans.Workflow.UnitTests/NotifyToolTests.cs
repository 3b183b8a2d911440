using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Notifications;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests;

public sealed class NotifyToolTests
{
    [Fact]
    public void Validate_NoChannelConfigured_RefusesTheStepBeforeApprovalNamingTheSettings()
    {
        // Arrange
        var catalog = new ToolCatalog(new NotifyTool([Channel(configured: false)]));

        // Act
        var errors = catalog.Validate(Plan("Deployed"));

        // Assert
        var error = Assert.Single(errors);
        Assert.Equal((PlanValidationCodes.ToolRefused, "tell", NotifyTool.NoChannel), (error.Code, error.StepId, error.Message));
    }

    [Fact]
    public void Validate_ChannelConfigured_AcceptsTheStepAsAWrite()
    {
        var catalog = new ToolCatalog(new NotifyTool([Channel(configured: false), Channel(configured: true)]));

        var errors = catalog.Validate(Plan("Deployed"));

        Assert.Empty(errors);
        Assert.Equal(ToolRisk.Write, catalog.Tools.Single().Risk);
    }

    [Theory]
    [InlineData("  ", "The notify step needs a 'message', a text that is not blank.")]
    [InlineData(null, "The notify step needs a 'message', a text that is not blank.")]
    public void TryReadMessage_Blank_SaysWhy(string? message, string expected)
    {
        var read = NotifyTool.TryReadMessage(new JsonObject { ["message"] = message }, out _, out var error);

        Assert.False(read);
        Assert.Equal(expected, error);
    }

    private static ExecutionPlan Plan(string message) => new()
    {
        Description = "Tell them",
        Steps = [new ExecutionStep { Id = "tell", ToolName = NotifyTool.ToolName, Description = "Tell", Parameters = new JsonObject { ["message"] = message } }],
    };

    private static INotificationChannel Channel(bool configured)
    {
        var channel = new Mock<INotificationChannel>();
        channel.SetupGet(c => c.IsConfigured).Returns(configured);
        return channel.Object;
    }
}
