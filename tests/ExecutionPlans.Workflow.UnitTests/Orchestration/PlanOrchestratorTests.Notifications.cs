using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>Notifications: one activity per channel per event, reminders at half the timeout, failures recorded.</summary>
public partial class PlanOrchestratorTests
{
    private static OrchestrationContextFake NotifyingPlan(out PlanOrchestrationInput input, params string[] approvers)
    {
        var fake = Fakes.Context();
        fake.Reply(nameof(NotifyApproversActivity), call =>
            new NotificationDelivery { Channel = call.Input<NotifyRequest>().Channel, Sent = 1, Detail = "sent" });
        input = TestPlans.Given(TestPlans.PlanOf("s1"), approvers: approvers);
        input.NotificationChannels = ["teams", "email"];
        fake.Start(new PlanOrchestrator(), input);
        return fake;
    }

    [Fact]
    public void RunAsync_ChannelsConfigured_AsksEachChannelForApprovalOfTheVersion()
    {
        // Arrange + Act
        var fake = NotifyingPlan(out _, "bob", "carol@example.com");

        // Assert
        var requests = fake.CallsOf(nameof(NotifyApproversActivity)).Select(c => c.Input<NotifyRequest>()).ToList();
        Assert.Equal(["teams", "email"], requests.Select(r => r.Channel));
        Assert.All(requests, r => Assert.Equal((NotificationKind.ApprovalRequested, 1), (r.Notification.Kind, r.Notification.Version)));
        Assert.All(requests, r => Assert.Equal(["bob", "carol@example.com"], r.Notification.Approvers));
        Assert.Equal(fake.LastStatus.ApprovalExpiresAt, requests[0].Notification.ExpiresAt);
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
        Assert.Equal([true, true], fake.LastStatus.Notifications.Select(n => n.Delivered));
    }

    [Fact]
    public void RunAsync_HalfTheTimeoutPasses_RemindsOnlyApproversWhoHaveNotActed()
    {
        // Arrange
        var fake = NotifyingPlan(out _, "bob", "carol");
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "mallory" });
        fake.Raise(PlanEvents.Rejected, new { version = 2, by = "bob" });
        var reminder = fake.Timers.Single(t => !t.HasFired && t.FireAt < fake.LastStatus.ApprovalExpiresAt!.Value.UtcDateTime);

        // Act
        fake.Fire(reminder);

        // Assert
        var reminders = fake.CallsOf(nameof(NotifyApproversActivity))
            .Select(c => c.Input<NotifyRequest>().Notification)
            .Where(n => n.Kind == NotificationKind.Reminder)
            .ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, n => Assert.Equal(["carol"], n.Approvers));
        Assert.Equal(PlanStatus.PendingApproval, fake.LastStatus.Status);
    }

    [Fact]
    public void RunAsync_ChannelFailsAfterItsRetries_IsRecordedAndThePlanGoesOn()
    {
        // Arrange
        var fake = Fakes.Context();
        fake.Reply(nameof(NotifyApproversActivity), call => call.Input<NotifyRequest>().Channel == "email"
            ? throw OrchestrationContextFake.ActivityFailure(nameof(NotifyApproversActivity), "The SMTP server smtp.example.com refused the connection.")
            : new NotificationDelivery { Channel = "teams", Sent = 1, Detail = "card posted" });
        var input = TestPlans.Given(TestPlans.PlanOf("s1"));
        input.NotificationChannels = ["teams", "email"];
        fake.Start(new PlanOrchestrator(), input);

        // Act
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob" });

        // Assert
        var output = fake.Output;
        Assert.Equal(PlanStatus.Completed, output.Status);
        var failed = output.Notifications.Single(n => n.Channel == "email" && n.Kind == NotificationKind.ApprovalRequested);
        Assert.False(failed.Delivered);
        Assert.Contains("smtp.example.com", failed.Detail, StringComparison.Ordinal);
        Assert.Contains(output.Notifications, n => n.Channel == "teams" && n.Kind == NotificationKind.Completed && n.Delivered);
    }

    [Fact]
    public void RunAsync_PlanEnds_ReportsTheOutcomeToEachChannel()
    {
        // Arrange
        var fake = NotifyingPlan(out _);

        // Act
        fake.Raise(PlanEvents.Rejected, new { version = 1, reason = "Not today", by = "bob" });

        // Assert
        var last = fake.CallsOf(nameof(NotifyApproversActivity)).TakeLast(2).Select(c => c.Input<NotifyRequest>()).ToList();
        Assert.All(last, r => Assert.Equal((NotificationKind.Cancelled, PlanStatus.Cancelled), (r.Notification.Kind, r.Notification.Status)));
        Assert.Equal(PlanStatus.Cancelled, fake.Output.Status);
        Assert.All(fake.Timers, t => Assert.True(t.WasCancelled || t.HasFired));
    }

    [Fact]
    public void RunAsync_NoChannels_CallsNoNotificationActivityAndSetsNoReminder()
    {
        // Arrange
        var fake = Fakes.Context();

        // Act
        fake.Start(new PlanOrchestrator(), TestPlans.Given(TestPlans.PlanOf("s1")));
        fake.Raise(PlanEvents.Approved, new { version = 1, approver = "bob" });

        // Assert
        Assert.Empty(fake.CallsOf(nameof(NotifyApproversActivity)));
        Assert.Single(fake.Timers);
        Assert.Empty(fake.Output.Notifications);
    }
}
