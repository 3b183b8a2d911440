using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Tools;

/// <summary>
/// The built-in <c>wait</c> and <c>notify</c> tools on the server process (in-memory engine), with the Teams channel
/// pointed at a local webhook: a wait is a durable timer before the next step, a cancel ends it, and a notify step's
/// message reaches the webhook.
/// </summary>
public sealed class BuiltInToolsTests : IAsyncLifetime
{
    private StepEndpoint steps = null!;
    private WebhookReceiver receiver = null!;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        steps = await StepEndpoint.StartAsync();
        receiver = await WebhookReceiver.StartAsync();
        server = await ServerProcess.StartAsync((ServerSettings.InMemory() with { PublicBaseUrlIsSelf = true })
            .With("Approvals__SigningKey", "built-in-tools-tests-signing-key-0123456789")
            .With("Notifications__Teams__WebhookUrl", receiver.WebhookUrl.ToString()));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await receiver.DisposeAsync();
        await steps.DisposeAsync();
    }

    [Fact]
    public async Task CreatePlan_WaitThenHttpRequest_RunsTheRequestAfterTheWait()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Wait, then check", Wait("w", "PT2S"), Check(scope));

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert: the timer fired no sooner than asked, and the check started after it.
        Assert.Equal(["w:succeeded", "check:succeeded"], PlanAssert.Steps(done));
        Assert.Equal("waited 2 seconds", done.Steps[0].Output);
        var waited = Assert.Single(done.Steps[0].Attempts!);
        Assert.True(waited.EndedAt - waited.StartedAt >= TimeSpan.FromSeconds(2), $"The wait ended {waited.EndedAt - waited.StartedAt} after it started.");
        Assert.True(Assert.Single(done.Steps[1].Attempts!).StartedAt >= waited.EndedAt);
        Assert.Single(steps.CallsTo(scope + "/check"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CancelPlan_DuringAWait_EndsThePlanCancelledWithoutTheNextStep()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Wait long, then check", Wait("w", "PT10M"), Check(scope));
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        await server.Api.WaitUntilAsync(created.Id, view => view.Steps[0].Status == StepStatus.Running, "waiting");

        // Act
        await server.Api.DecideAcceptedAsync(created.Id, "cancel");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        Assert.Equal(["w:failed", "check:skipped"], PlanAssert.Steps(done));
        Assert.StartsWith("Cancelled after waiting", done.Steps[0].Error, StringComparison.Ordinal);
        Assert.Empty(steps.CallsTo(scope + "/check"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_NotifyStep_PostsTheMessageToTheTeamsWebhook()
    {
        // Arrange
        var text = TestPlans.Unique("Deployed build");
        var plan = Plan("Tell the team", new JsonObject
        {
            ["id"] = "tell",
            ["toolName"] = "notify",
            ["description"] = "Tell the approvers",
            ["parameters"] = new JsonObject { ["message"] = text },
        });

        var request = JsonNode.Parse(TestPlans.CreateRequest(plan, requireApproval: false))!;
        request["approvers"] = new JsonArray("ops@example.com");

        // Act
        var created = await server.Api.CreateAsync(request.ToJsonString());
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);
        var post = await receiver.WaitForPostAsync(p => WebhookReceiver.CardOf(p).ToJsonString().Contains(text, StringComparison.Ordinal), "with the message");

        // Assert
        var body = WebhookReceiver.CardOf(post)["body"]!.AsArray();
        Assert.Equal("Message from a plan", (string?)body[0]!["text"]);
        Assert.Equal(text, ((string)body[1]!["inlines"]![0]!["text"]!).Replace("\u200B", string.Empty, StringComparison.Ordinal));
        Assert.StartsWith("Sent the message to the approvers (ops@example.com). teams: Posted the 'Message from a plan' card", done.Steps[0].Output, StringComparison.Ordinal);
        Assert.Contains(done.Notifications, n => n is { Channel: "teams", StepId: "tell", Delivered: true });
    }

    [Fact]
    public async Task CreatePlan_WaitLongerThanTheLongest_IsRefusedWithAProblemNamingTheStep()
    {
        // Arrange
        var plan = Plan("Wait too long", Wait("w", "P30D"));

        // Act
        using var response = await server.Api.PostAsync("api/plans", TestPlans.CreateRequest(plan));

        // Assert
        var problem = await server.Api.ExpectProblemAsync(response, System.Net.HttpStatusCode.BadRequest);
        Assert.Equal("The duration 'P30D' is longer than the longest wait, P7D (7 days).", problem.GetProperty("errors").GetProperty("plan.steps[w]")[0].GetString());
    }

    private static JsonObject Plan(string description, params JsonObject[] steps) =>
        new() { ["description"] = description, ["steps"] = new JsonArray([.. steps]) };

    private static JsonObject Wait(string id, string duration) => new()
    {
        ["id"] = id,
        ["toolName"] = "wait",
        ["description"] = $"Wait {duration}",
        ["parameters"] = new JsonObject { ["duration"] = duration },
    };

    private JsonObject Check(string scope) => new()
    {
        ["id"] = "check",
        ["toolName"] = "http_request",
        ["description"] = "Check the status",
        ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = steps.Url(scope + "/check") },
    };
}
