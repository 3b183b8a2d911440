using System.Net;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ExecutionPlans.Server.IntegrationTests.Mcp;

/// <summary>
/// The approval gate at <c>/mcp</c> on the server process, driven by the MCP SDK's own client: an agent proposes a
/// plan, a person approves it over HTTP, and the agent's wait answers the outcome; behind the API's keys.
/// </summary>
public sealed class PlanGateTests : IAsyncLifetime
{
    private const string AgentKey = "agent-key-5b0e6f1c9a2d4837";
    private const string AliceKey = "alice-key-0c7d2e9b4f61a358";

    private StepEndpoint steps = null!;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        steps = await StepEndpoint.StartAsync();
        server = await ServerProcess.StartAsync((ServerSettings.InMemory() with { PublicBaseUrlIsSelf = true })
            .WithApiKey("agent", AgentKey)
            .WithApiKey("alice", AliceKey)
            .With("Approvals__SigningKey", "gate-tests-signing-key-0123456789abcdef"));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await steps.DisposeAsync();
    }

    [Fact]
    public async Task ProposePlanThenWaitForPlan_ApprovedOverHttp_AnswersTheOutcomeWithStepOutputs()
    {
        // Arrange
        await using var agent = await ConnectAsync(AgentKey);
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Read the status page", ("s1", steps.Url(scope + "/status")));

        // Act
        var proposed = await CallAsync(agent, "propose_plan", new() { ["plan"] = JsonSerializer.SerializeToElement(plan) });
        var id = proposed.GetProperty("planId").GetString()!;
        var waiting = await CallAsync(agent, "wait_for_plan", new() { ["planId"] = Json(id), ["timeoutSeconds"] = Json(1) });
        await server.ApiAs("X-API-Key", AliceKey).DecideAcceptedAsync(id, "approve", "{}");
        var outcome = await CallAsync(agent, "wait_for_plan", new() { ["planId"] = Json(id), ["timeoutSeconds"] = Json(60) });
        var read = await CallAsync(agent, "get_plan", new() { ["planId"] = Json(id) });

        // Assert: the proposal is the agent's, waits for a person, and links to the plan and its review page.
        Assert.Equal(["get_plan", "propose_plan", "wait_for_plan"], (await agent.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains(proposed.GetProperty("status").GetString(), new[] { "draft", "pending_approval" });
        Assert.Equal($"{server.BaseAddress}api/plans/{id}", proposed.GetProperty("planUrl").GetString());
        Assert.StartsWith($"{server.BaseAddress}api/plans/{id}/review?token=", proposed.GetProperty("reviewUrl").GetString(), StringComparison.Ordinal);
        Assert.False(waiting.GetProperty("ended").GetBoolean());
        Assert.Equal("pending_approval", waiting.GetProperty("status").GetString());

        // Assert: after the approval the wait answers the run, with the step's output.
        Assert.True(outcome.GetProperty("ended").GetBoolean());
        Assert.Equal("completed", outcome.GetProperty("status").GetString());
        var step = Assert.Single(outcome.GetProperty("steps").EnumerateArray());
        Assert.Equal(("s1", "succeeded"), (step.GetProperty("id").GetString(), step.GetProperty("status").GetString()));
        Assert.Contains(scope + "/status", step.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Single(steps.CallsTo(scope + "/status"));
        Assert.Equal("agent", read.GetProperty("requestedBy").GetString());
        Assert.Equal("alice", read.GetProperty("decisions").EnumerateArray().Last().GetProperty("by").GetString());
    }

    [Fact]
    public async Task ProposePlan_AgentApprovesItsOwnPlanOverHttp_IsRefusedAndNothingRuns()
    {
        // Arrange
        await using var agent = await ConnectAsync(AgentKey);
        var scope = StepEndpoint.NewScope();
        var proposed = await CallAsync(agent, "propose_plan", new() { ["plan"] = JsonSerializer.SerializeToElement(TestPlans.HttpPlan("Restart", ("s1", steps.Url(scope + "/restart")))) });
        var id = proposed.GetProperty("planId").GetString()!;
        await server.ApiAs("X-API-Key", AliceKey).WaitForStatusAsync(id, PlanStatus.PendingApproval);

        // Act
        using var self = await server.ApiAs("X-API-Key", AgentKey).DecideAsync(id, "approve", "{}");

        // Assert
        await server.ApiAs("X-API-Key", AliceKey).ExpectProblemAsync(self, HttpStatusCode.Forbidden);
        Assert.Empty(steps.CallsTo(scope + "/restart"));
    }

    [Fact]
    public async Task CallTool_BadInput_AnswersAToolErrorNamingTheProblem()
    {
        // Arrange
        await using var agent = await ConnectAsync(AgentKey);

        // Act
        var unknown = await agent.CallToolAsync(new CallToolRequestParams { Name = "get_plan", Arguments = new Dictionary<string, JsonElement> { ["planId"] = Json("no-such-plan") } });
        var empty = await agent.CallToolAsync(new CallToolRequestParams { Name = "propose_plan", Arguments = new Dictionary<string, JsonElement>() });
        var tooLong = await agent.CallToolAsync(new CallToolRequestParams { Name = "wait_for_plan", Arguments = new Dictionary<string, JsonElement> { ["planId"] = Json("x"), ["timeoutSeconds"] = Json(3600) } });

        // Assert
        Assert.True(unknown.IsError);
        Assert.Contains("no-such-plan", Text(unknown), StringComparison.Ordinal);
        Assert.True(empty.IsError);
        Assert.Contains("not valid", Text(empty), StringComparison.Ordinal);
        Assert.True(tooLong.IsError);
        Assert.Contains("timeoutSeconds", Text(tooLong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithoutAnApiKey_IsRefusedLikeTheApi()
    {
        // Act
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(key: null));

        // Assert
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    private Task<McpClient> ConnectAsync(string? key) => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = new Uri(server.BaseAddress, "mcp"),
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["X-API-Key"] = key },
    }));

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, JsonElement> arguments)
    {
        var result = await client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = arguments });
        Assert.False(result.IsError == true, $"{tool} failed: {Text(result)}");
        return result.StructuredContent ?? throw new InvalidOperationException($"{tool} answered no structured content: {Text(result)}");
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
