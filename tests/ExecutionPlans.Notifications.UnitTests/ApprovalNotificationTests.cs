using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class ApprovalNotificationTests
{
    [Fact]
    public void Serialize_Notification_UsesCamelCaseNamesAndSnakeCaseKinds()
    {
        var notification = TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test");

        var json = JsonSerializer.SerializeToNode(notification)!;

        Assert.Equal("approval_requested", (string?)json["kind"]);
        Assert.Equal("plan-42", (string?)json["planId"]);
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal("requester@contoso.test", (string?)json["requestedBy"]);
        Assert.Equal(TestNotifications.ExpiresAt, (DateTimeOffset?)json["expiresAt"]);
        Assert.Equal("pending_approval", (string?)json["status"]);
        Assert.Equal("alice@contoso.test", (string?)json["approvers"]![0]);
        Assert.Equal("http_request", (string?)json["steps"]![0]!["toolName"]);
        Assert.Equal("POST", (string?)json["steps"]![0]!["parameters"]!["method"]);
        Assert.False(json.AsObject().ContainsKey("asksForDecision"));
    }

    [Theory]
    [InlineData(NotificationKind.Reminder, "reminder")]
    [InlineData(NotificationKind.Completed, "completed")]
    [InlineData(NotificationKind.Failed, "failed")]
    [InlineData(NotificationKind.Cancelled, "cancelled")]
    public void Deserialize_WireKind_ReadsTheKind(NotificationKind kind, string wire)
    {
        var json = $$"""{"kind":"{{wire}}","planId":"p","version":1,"steps":[{"id":"s1","toolName":"t","parameters":{"a":1},"status":"failed","error":"e"}],"status":"failed"}""";

        var notification = JsonSerializer.Deserialize<ApprovalNotification>(json)!;

        Assert.Equal(kind, notification.Kind);
        Assert.Equal(StepStatus.Failed, Assert.Single(notification.Steps).Status);
        Assert.Equal(1, (int?)notification.Steps[0].Parameters["a"]);
        Assert.Equal(PlanStatus.Failed, notification.Status);
    }

    [Fact]
    public void FromView_PendingView_CopiesPlanApproversAndDeadline()
    {
        var view = new PlanView
        {
            Id = "plan-7",
            Version = 3,
            Description = "Rotate keys",
            Status = PlanStatus.PendingApproval,
            Approvers = ["alice@contoso.test"],
            RequestedBy = "bob@contoso.test",
            ApprovalExpiresAt = TestNotifications.ExpiresAt,
            Steps = [new ExecutionStep { Id = "s1", ToolName = "http_request", Parameters = new JsonObject { ["url"] = "https://x.test" }, Output = new string('o', 2000) }],
        };

        var notification = ApprovalNotification.FromView(NotificationKind.ApprovalRequested, view);

        Assert.Equal(("plan-7", 3, "Rotate keys", "bob@contoso.test"), (notification.PlanId, notification.Version, notification.Description, notification.RequestedBy));
        Assert.Equal(["alice@contoso.test"], notification.Approvers);
        Assert.Equal(TestNotifications.ExpiresAt, notification.ExpiresAt);
        Assert.True(notification.AsksForDecision);
        var step = Assert.Single(notification.Steps);
        Assert.Equal(NotificationStep.MaxOutputChars, step.Output!.Length);
        Assert.NotSame(view.Steps[0].Parameters, step.Parameters);
    }
}
