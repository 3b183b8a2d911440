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

    [Fact]
    public void FromView_GraphView_CopiesEachStepsDependsOnAsWritten()
    {
        var notification = TestNotifications.Diamond();

        Assert.Equal([[], ["a"], ["a"], null], notification.Steps.Select(step => step.DependsOn));
    }

    [Fact]
    public void FromView_DependsOn_IsACopy()
    {
        var view = TestPlans.Pending();
        view.Steps[1].DependsOn = ["s1"];

        var step = ApprovalNotification.FromView(NotificationKind.ApprovalRequested, view).Steps[1];
        view.Steps[1].DependsOn!.Add("s0");

        Assert.Equal(["s1"], step.DependsOn);
    }

    [Fact]
    public void FromView_FollowUp_CarriesTheResolvedParametersWithLongTextsCut()
    {
        var view = TestPlans.View(PlanStatus.Completed);
        view.Steps[0].ResolvedParameters = new JsonObject { ["url"] = "https://x.test", ["body"] = new JsonObject { ["text"] = new string('r', 2000), ["count"] = 3 } };

        var step = Assert.Single(ApprovalNotification.FromView(NotificationKind.Completed, view).Steps);

        Assert.Equal("https://x.test", (string?)step.ResolvedParameters!["url"]);
        Assert.Equal(new string('r', NotificationStep.MaxOutputChars), (string?)step.ResolvedParameters["body"]!["text"]);
        Assert.Equal(3, (int?)step.ResolvedParameters["body"]!["count"]);
        Assert.Equal(2000, ((string?)view.Steps[0].ResolvedParameters!["body"]!["text"])!.Length);
    }

    [Theory]
    [InlineData(NotificationKind.ApprovalRequested)]
    [InlineData(NotificationKind.Reminder)]
    public void FromView_Request_CarriesNoResolvedParameters(NotificationKind kind)
    {
        var view = TestPlans.Pending();
        view.Steps[0].ResolvedParameters = new JsonObject { ["url"] = "https://x.test" };

        var notification = ApprovalNotification.FromView(kind, view);

        Assert.All(notification.Steps, step => Assert.Null(step.ResolvedParameters));
    }

    [Fact]
    public void Serialize_Steps_WriteDependsOnAndResolvedParametersOnlyWhenSet()
    {
        var notification = TestNotifications.Diamond(NotificationKind.Completed);

        var steps = JsonSerializer.SerializeToNode(notification)!["steps"]!.AsArray();

        Assert.Equal("[]", steps[0]!["dependsOn"]!.ToJsonString());
        Assert.Equal("[\"a\"]", steps[1]!["dependsOn"]!.ToJsonString());
        Assert.False(steps[3]!.AsObject().ContainsKey("dependsOn"));
        Assert.Equal("api-1", (string?)steps[1]!["resolvedParameters"]!["body"]);
        Assert.False(JsonSerializer.SerializeToNode(TestNotifications.Request())!["steps"]![0]!.AsObject().ContainsKey("resolvedParameters"));
    }

    [Fact]
    public void Deserialize_StepsWithAndWithoutTheGraphFields_ReadsThemOrLeavesThemNull()
    {
        var json = """{"kind":"completed","planId":"p","version":1,"status":"completed","steps":[{"id":"s1","toolName":"t"},{"id":"s2","toolName":"t","dependsOn":[],"resolvedParameters":{"a":1}}]}""";

        var steps = JsonSerializer.Deserialize<ApprovalNotification>(json)!.Steps;

        Assert.Equal((null, null), (steps[0].DependsOn, steps[0].ResolvedParameters));
        Assert.Equal([], steps[1].DependsOn!);
        Assert.Equal(1, (int?)steps[1].ResolvedParameters!["a"]);
    }
}
