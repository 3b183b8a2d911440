using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Http;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>Reading: one plan, the list, the tools.</summary>
public sealed partial class PlansFunctionsTests
{
    [Fact]
    public async Task GetPlanAsync_ExistingPlan_Returns200WithTheView()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}");

        var response = await exchange.ExecuteAsync(await functions.GetPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var view = response.Json;
        Assert.Equal(TestPlans.PlanId, view.GetProperty("id").GetString());
        Assert.Equal("pending_approval", view.GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("version").GetInt32());
        Assert.Equal("Check the status page", view.GetProperty("description").GetString());
        var step = Assert.Single(view.GetProperty("steps").EnumerateArray());
        Assert.Equal("s1", step.GetProperty("id").GetString());
        Assert.Equal("http_request", step.GetProperty("toolName").GetString());
        Assert.Equal("submitted", view.GetProperty("revisions")[0].GetProperty("action").GetString());
        Assert.Empty(view.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task GetPlanAsync_CompletedPlan_ReturnsTheOrchestrationOutput()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.Completed), OrchestrationRuntimeStatus.Completed);
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}");

        var response = await exchange.ExecuteAsync(await functions.GetPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("completed", response.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetPlanAsync_UnknownPlan_Returns404Problem()
    {
        var functions = Functions();
        using var exchange = HttpExchange.Get("/api/plans/nope");

        var response = await exchange.ExecuteAsync(await functions.GetPlanAsync(exchange.Request, "nope", client.Object));

        var problem = response.AssertProblem(404);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPlanAsync_InstanceOfAnotherOrchestration_Returns404Problem()
    {
        var functions = Functions();
        client.With(TestPlans.Metadata(TestPlans.View(PlanStatus.Executing), name: "SomeOtherOrchestrator"));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}");

        var response = await exchange.ExecuteAsync(await functions.GetPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        response.AssertProblem(404);
    }

    [Fact]
    public async Task GetPlanAsync_AcceptMarkdown_ReturnsTheFormattedPlan()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}").WithHeader("Accept", "text/markdown");

        var response = await exchange.ExecuteAsync(await functions.GetPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/markdown", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Check the status page", response.Body, StringComparison.Ordinal);
        Assert.Contains("Read the status page", response.Body, StringComparison.Ordinal);
        Assert.Contains("Version: 2", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPlansAsync_StatusFilter_Returns200WithThePageAndContinuationToken()
    {
        var functions = Functions();
        var other = TestPlans.View(PlanStatus.PendingApproval);
        other.Id = "not-a-plan";
        client.WithPage(
            "next-page",
            TestPlans.Metadata(TestPlans.View(PlanStatus.PendingApproval)),
            TestPlans.Metadata(other, name: "SomeOtherOrchestrator"));
        using var exchange = HttpExchange.Get("/api/plans", "?status=pending_approval&top=2&continuationToken=" + Uri.EscapeDataString(PlanPageToken.Wrap("this-page")));

        var response = await exchange.ExecuteAsync(await functions.ListPlansAsync(exchange.Request, client.Object));

        Assert.Equal(200, response.StatusCode);
        var page = response.Json;
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(TestPlans.PlanId, item.GetProperty("id").GetString());
        Assert.Equal(PlanPageToken.Wrap("next-page"), page.GetProperty("continuationToken").GetString());
        var query = Assert.Single(client.Queries);
        Assert.Equal(2, query?.PageSize);
        Assert.Equal("this-page", query?.ContinuationToken);
        Assert.Contains(OrchestrationRuntimeStatus.Running, query?.Statuses ?? []);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Completed, query?.Statuses ?? []);
    }

    [Fact]
    public async Task ListPlansAsync_LastPage_ReturnsNullContinuationToken()
    {
        var functions = Functions();
        client.WithPage(null);
        using var exchange = HttpExchange.Get("/api/plans");

        var response = await exchange.ExecuteAsync(await functions.ListPlansAsync(exchange.Request, client.Object));

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("continuationToken").ValueKind);
        Assert.Equal(20, Assert.Single(client.Queries)?.PageSize);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("bmV4dA.AAAAAAAAAAA")]
    public async Task ListPlansAsync_TokenNotFromAPage_Returns400WithoutAskingTheEngine(string token)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Get("/api/plans", "?continuationToken=" + Uri.EscapeDataString(token));

        var response = await exchange.ExecuteAsync(await functions.ListPlansAsync(exchange.Request, client.Object));

        response.AssertProblem(400);
        Assert.Contains("continuationToken", response.Body, StringComparison.Ordinal);
        Assert.Empty(client.Queries);
    }

    [Fact]
    public async Task ListPlansAsync_UnknownStatus_Returns400NamingTheStatuses()
    {
        var functions = Functions();
        using var exchange = HttpExchange.Get("/api/plans", "?status=done");

        var response = await exchange.ExecuteAsync(await functions.ListPlansAsync(exchange.Request, client.Object));

        response.AssertProblem(400);
        var message = Assert.Single(response.Errors["status"]);
        Assert.Contains("pending_approval", message, StringComparison.Ordinal);
        Assert.Empty(client.Queries);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    [InlineData("-1")]
    public async Task ListPlansAsync_BadTop_Returns400(string top)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Get("/api/plans", $"?top={top}");

        var response = await exchange.ExecuteAsync(await functions.ListPlansAsync(exchange.Request, client.Object));

        response.AssertProblem(400);
        Assert.Contains("top", response.Errors.Keys);
        Assert.Empty(client.Queries);
    }

    [Fact]
    public async Task ListTools_Always_Returns200ListingHttpRequestWithItsSchema()
    {
        var functions = Functions();
        using var exchange = HttpExchange.Get("/api/tools");

        var response = await exchange.ExecuteAsync(functions.ListTools(exchange.Request));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var tool = Assert.Single(response.Json.EnumerateArray(), t => t.GetProperty("name").GetString() == "http_request");
        Assert.False(string.IsNullOrWhiteSpace(tool.GetProperty("description").GetString()));
        var schema = tool.GetProperty("parameters");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty("url", out _));
        Assert.Equal(["url"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ListTools_McpServerConfigured_ListsItsToolsWithRiskAndTheActivityRunsThem()
    {
        // The tests' MCP server, started as a program over stdio, as the app would start one.
        var settings = new Dictionary<string, string?>();
        foreach (var (name, value) in McpTestServers.StdioSettings("local"))
        {
            settings[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var provider = TestServices.Build(settings);
        providers.Add(provider);
        var functions = new PlansFunctions(provider.GetRequiredService<PlanApiServices>());
        using var exchange = HttpExchange.Get("/api/tools");
        var step = new ExecutionStep { Id = "s1", ToolName = "local.restart_service", Parameters = new System.Text.Json.Nodes.JsonObject { ["service"] = "api", ["replicas"] = 2 } };

        var response = await exchange.ExecuteAsync(functions.ListTools(exchange.Request));
        var result = await provider.GetRequiredService<ExecuteStepActivity>().RunAsync(new FunctionActivityContext(nameof(ExecuteStepActivity), "plan-1"), new ExecuteStepRequest("plan-1", step));

        var tools = response.Json.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("risk").GetString());
        Assert.Equal(("read", "write", "destructive"), (tools["local.get_service"], tools["local.restart_service"], tools["local.delete_service"]));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("restarted api with 2 replicas", result.Output);
    }
}
