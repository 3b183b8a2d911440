using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>
/// The Functions app's MCP gate: its trigger, handed each request the way the worker hands it (the app's services,
/// the bound Durable client), answers the MCP SDK's own client.
/// </summary>
public sealed class McpGateFunctionsTests : IAsyncLifetime
{
    private readonly DurableClientFake durable = new();
    private ServiceProvider services = null!;
    private LoopbackApp host = null!;

    public async Task InitializeAsync()
    {
        services = TestServices.Build();
        var functions = new McpGateFunctions(services.GetRequiredService<McpGateHandler>());
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        host = await LoopbackApp.StartAsync(web => web.Map("/api/" + McpGateFunctions.Route, async context =>
        {
            // As the worker does: the request runs in the app's services, and the client comes from the binding.
            await using var scope = services.CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            accessor.HttpContext = context;
            var result = await functions.McpAsync(context.Request, durable.Object);
            await result.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context });
        }));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task McpAsync_SdkClientProposesAPlan_StartsTheOrchestrationAndAnswersItsId()
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.BaseAddress, "api/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));
        var plan = JsonSerializer.SerializeToElement(TestPlans.HttpPlan("Read the status page", ("s1", $"https://{TestServices.AllowedHost}/status")));

        var tools = await client.ListToolsAsync();
        var proposed = await client.CallToolAsync(new CallToolRequestParams { Name = "propose_plan", Arguments = new Dictionary<string, JsonElement> { ["plan"] = plan } });
        var missing = await client.CallToolAsync(new CallToolRequestParams { Name = "get_plan", Arguments = new Dictionary<string, JsonElement> { ["planId"] = JsonSerializer.SerializeToElement("no-such-plan") } });

        Assert.Equal(["get_plan", "propose_plan", "wait_for_plan"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.False(proposed.IsError == true, string.Join(" ", proposed.Content.OfType<TextContentBlock>().Select(b => b.Text)));
        var started = Assert.Single(durable.Started);
        Assert.Equal(nameof(PlanOrchestrator), started.Name.Name);
        Assert.Equal(started.Options!.InstanceId, proposed.StructuredContent!.Value.GetProperty("planId").GetString());
        Assert.True(missing.IsError);
    }
}
