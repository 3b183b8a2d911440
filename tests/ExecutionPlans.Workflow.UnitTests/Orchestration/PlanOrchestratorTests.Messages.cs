using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Notify steps: the workflow sends the message to the plan's approvers through each channel.</summary>
public sealed partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_NotifyStep_SendsTheMessageThroughEachChannelAndSaysWhere()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(NotifyApproversActivity), call =>
            new NotificationDelivery { Channel = call.Input<NotifyRequest>().Channel, Sent = 1, Detail = $"sent by {call.Input<NotifyRequest>().Channel}." });
        var plan = TestPlans.Plan("Tell them", TestPlans.Step("s1"), NotifyStep("tell", "Deployed {{steps.s1.output}}"));
        var input = TestPlans.Given(plan, requireApproval: false, approvers: ["bob@example.com"]);
        input.NotificationChannels = ["teams", "email"];

        // Act
        fake.Start(new PlanOrchestrator(), input);

        // Assert
        var messages = fake.CallsOf(nameof(NotifyApproversActivity)).Select(c => c.Input<NotifyRequest>())
            .Where(r => r.Notification.Kind == NotificationKind.Message).ToList();
        Assert.Equal(["teams", "email"], messages.Select(r => r.Channel));
        Assert.All(messages, r => Assert.Equal(("Deployed output of s1", "tell", "bob@example.com"), (r.Notification.Message, r.Notification.StepId, Assert.Single(r.Notification.Approvers))));
        Assert.DoesNotContain(fake.CallsOf(nameof(ExecuteStepActivity)), c => c.Input<ExecuteStepRequest>().Step.Id == "tell");
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        Assert.Equal("Sent the message to the approvers (bob@example.com). teams: sent by teams. email: sent by email.", output.Steps[1].Output);
        Assert.Equal(2, output.Notifications.Count(n => n is { Kind: NotificationKind.Message, Delivered: true, StepId: "tell" }));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public void RunAsync_NotifyStepWithoutChannels_FailsTheStepNamingTheSettings()
    {
        // Arrange
        var fake = Fakes.Context();
        var plan = TestPlans.Plan("Tell them", NotifyStep("tell", "Deployed"), TestPlans.Step("after"));

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(plan, requireApproval: false));

        // Assert
        var output = fake.Output;
        Assert.Empty(fake.CallsOf(nameof(NotifyApproversActivity)));
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal(NotifyTool.NoChannel, output.Steps[0].Error);
        Assert.Contains("Notifications:Teams:WebhookUrl", output.Steps[0].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Skipped, output.Steps[1].Status);
    }

    [Fact]
    public void RunAsync_NotifyStepEveryChannelFails_FailsTheStepWithTheirErrors()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Hold(nameof(NotifyApproversActivity));
        var plan = TestPlans.Plan("Tell them", NotifyStep("tell", "Deployed"));
        var input = TestPlans.Given(plan, requireApproval: false);
        input.NotificationChannels = ["teams"];
        fake.Start(new PlanOrchestrator(), input);

        var message = Assert.Single(fake.CallsOf(nameof(NotifyApproversActivity)));

        // Act: the message fails, and so does the outcome notification that follows.
        fake.Fail(message, "webhook answered 500");
        fake.Fail(fake.CallsOf(nameof(NotifyApproversActivity))[^1], "webhook answered 500");

        // Assert
        var output = fake.Output;
        Assert.Equal(NotificationKind.Message, message.Input<NotifyRequest>().Notification.Kind);
        Assert.Equal(PlanStatus.Failed, output.Status);
        Assert.Equal("The message could not be sent to the plan's channels (the plan names no approvers): teams: webhook answered 500", output.Steps[0].Error);
    }

    private static ExecutionStep NotifyStep(string id, string message) =>
        TestPlans.Step(id, NotifyTool.ToolName, new JsonObject { ["message"] = message });
}
