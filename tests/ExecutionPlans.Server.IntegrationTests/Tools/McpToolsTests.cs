using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Testing.McpServer;

namespace ExecutionPlans.Server.IntegrationTests.Tools;

/// <summary>
/// The server process with three MCP servers configured: the tests' server as a program over stdio, the same tools
/// over streamable HTTP, and an address nothing listens at. A plan uses tools of both; the catalog and the health
/// endpoint show what each server offers.
/// </summary>
public sealed class McpToolsTests : IAsyncLifetime
{
    private LoopbackApp http = null!;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        http = await McpTestServers.StartHttpAsync();
        var settings = ServerSettings.InMemory()
            .With("Tools__Mcp__web__Url", http.Url("mcp"))
            .With("Tools__Mcp__down__Url", $"http://127.0.0.1:{FreePort()}/mcp")
            .With("Tools__Mcp__down__ConnectTimeout", "PT5S");
        foreach (var (name, value) in McpTestServers.StdioSettings("local"))
        {
            settings = settings.With(name, value);
        }

        server = await ServerProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await http.DisposeAsync();
    }

    [Fact]
    public async Task CreatePlan_StepsOfStdioAndHttpMcpTools_RunWithTheFirstOutputReferencedAfterApproval()
    {
        // Arrange: s2 restarts the API with as many replicas as s1 read, over the other transport.
        var plan = new JsonObject
        {
            ["description"] = "Restart the API with as many replicas as it has now",
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "s1", ["toolName"] = "local.get_service", ["description"] = "Read the API's settings", ["parameters"] = new JsonObject { ["service"] = "api" } },
                new JsonObject
                {
                    ["id"] = "s2",
                    ["toolName"] = "web.restart_service",
                    ["description"] = "Restart the API",
                    ["parameters"] = new JsonObject { ["service"] = "api", ["replicas"] = "{{steps.s1.output.replicas}}" },
                }),
        };
        var restartsBefore = TestMcpTools.Restarts;

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan));
        var pending = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await server.Api.DecideAcceptedAsync(created.Id, "approve", "{}");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(ToolRisk.Write, pending.Risk);
        Assert.Equal([ToolRisk.Read, ToolRisk.Write], pending.Steps.Select(s => s.Risk!.Value));
        Assert.Equal(3, JsonNode.Parse(done.Steps[0].Output!)!["replicas"]!.GetValue<int>());
        Assert.Equal("restarted api with 3 replicas", done.Steps[1].Output);
        Assert.Equal(3, done.Steps[1].ResolvedParameters!["replicas"]!.GetValue<int>());
        Assert.Equal(restartsBefore + 1, TestMcpTools.Restarts);
    }

    [Fact]
    public async Task GetTools_McpServers_ListsTheirToolsWithSchemaAndRiskButNoneOfTheUnreachableOne()
    {
        // Act
        using var response = await server.Api.GetPathAsync("api/tools");

        // Assert
        using var tools = JsonDocument.Parse(await server.Api.ExpectAsync(response, HttpStatusCode.OK));
        var byName = tools.RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.Clone());
        Assert.Equal(
            ["http_request", "local.delete_service", "local.fail", "local.get_service", "local.restart_service", "notify", "wait", "web.delete_service", "web.fail", "web.get_service", "web.restart_service"],
            byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("read", byName["local.get_service"].GetProperty("risk").GetString());
        Assert.Equal("write", byName["web.restart_service"].GetProperty("risk").GetString());
        Assert.Equal("destructive", byName["web.delete_service"].GetProperty("risk").GetString());
        Assert.Equal("integer", byName["web.restart_service"].GetProperty("parameters").GetProperty("properties").GetProperty("replicas").GetProperty("type").GetString());
        Assert.Equal("Reads a service's settings: its name and how many replicas it runs.", byName["local.get_service"].GetProperty("description").GetString());
    }

    [Fact]
    public async Task GetHealth_OneMcpServerUnreachable_ReportsItDegradedWithTheOthersConnected()
    {
        // Act
        using var response = await server.Api.GetPathAsync("api/health");

        // Assert
        using var health = JsonDocument.Parse(await server.Api.ExpectAsync(response, HttpStatusCode.OK));
        Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
        var servers = health.RootElement.GetProperty("mcp").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.Clone());
        Assert.Equal(("stdio", "connected", 4), Describe(servers["local"]));
        Assert.Equal(("http", "connected", 4), Describe(servers["web"]));
        Assert.Equal(("http", "unreachable", 0), Describe(servers["down"]));
        Assert.False(string.IsNullOrWhiteSpace(servers["down"].GetProperty("detail").GetString()));
    }

    private static (string?, string?, int) Describe(JsonElement status) =>
        (status.GetProperty("transport").GetString(), status.GetProperty("status").GetString(), status.GetProperty("tools").GetInt32());

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
