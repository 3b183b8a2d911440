using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>
/// The HTTP triggers, called with real requests and a mocked Durable client; their results are executed
/// against the same HTTP context, so the status, headers and body are what a caller would get.
/// </summary>
public sealed partial class PlansFunctionsTests : IDisposable
{
    private readonly List<ServiceProvider> providers = [];
    private readonly DurableClientFake client = new();

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }

    /// <summary>A model that is configured but never called: feedback needs one to be accepted.</summary>
    private static readonly Dictionary<string, string?> WithModel = new()
    {
        ["OpenAI:BaseUrl"] = "http://127.0.0.1:9/v1",
        ["OpenAI:Model"] = "unused",
    };

    private PlansFunctions Functions(Dictionary<string, string?>? settings = null)
    {
        var provider = TestServices.Build(settings);
        providers.Add(provider);
        return new PlansFunctions(provider.GetRequiredService<PlanApiServices>());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task CreatePlanAsync_BodyNotSentAsJson_Returns415AndStartsNothing(string? contentType)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Post("/api/plans", $$"""{"plan": {{TestPlans.HttpPlanJson}}}""", contentType);

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        response.AssertProblem(415);
        Assert.Contains("application/json", response.Body, StringComparison.Ordinal);
        Assert.Empty(client.Started);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task CreatePlanAsync_JsonContentTypes_AreAccepted(string contentType)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Post("/api/plans", $$"""{"plan": {{TestPlans.HttpPlanJson}}}""", contentType);

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
    }

    [Fact]
    public async Task CreatePlanAsync_GivenPlan_Returns202WithLocationAndStartsWorkflowWithTheRequest()
    {
        var functions = Functions(new() { ["Workflow:MaxModifyRounds"] = "7" });
        using var exchange = HttpExchange
            .Post("/api/plans", $$"""{"plan": {{TestPlans.HttpPlanJson}}, "approvalTimeout": "PT30M", "approvers": ["bob", " bob "]}""")
            .WithUser("alice");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
        var (name, input, options) = Assert.Single(client.Started);
        Assert.Equal(nameof(PlanOrchestrator), name.Name);
        var id = options?.InstanceId;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal($"/api/plans/{id}", response.Location);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var started = Assert.IsType<PlanOrchestrationInput>(input);
        Assert.Null(started.Input);
        Assert.Equal("Check the status page", started.Plan?.Description);
        Assert.Equal($"https://{TestServices.AllowedHost}/status", started.Plan?.Steps.Single().Parameters["url"]?.GetValue<string>());
        Assert.True(started.RequireApproval);
        Assert.Equal(TimeSpan.FromMinutes(30), started.ApprovalTimeout);
        Assert.Equal(["bob"], started.Approvers);
        Assert.Equal("alice", started.RequestedBy);
        Assert.Equal(7, started.MaxModifyRounds);
        var view = response.Json;
        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal("draft", view.GetProperty("status").GetString());
        Assert.Equal(1, view.GetProperty("version").GetInt32());
        Assert.Equal("http_request", view.GetProperty("steps")[0].GetProperty("toolName").GetString());
        Assert.Equal("pending", view.GetProperty("steps")[0].GetProperty("status").GetString());
        Assert.Equal("alice", view.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task CreatePlanAsync_NoApprovalSettingsInRequest_UsesConfiguredDefaults()
    {
        var functions = Functions(new() { ["Approvals:Timeout"] = "PT2H", ["Approvals:DefaultApprovers:0"] = "carol" });
        using var exchange = HttpExchange.Post("/api/plans", $$"""{"plan": {{TestPlans.HttpPlanJson}}, "requireApproval": false}""");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
        var started = Assert.IsType<PlanOrchestrationInput>(Assert.Single(client.Started).Input);
        Assert.False(started.RequireApproval);
        Assert.Equal(TimeSpan.FromHours(2), started.ApprovalTimeout);
        Assert.Equal(["carol"], started.Approvers);
        Assert.Null(started.RequestedBy);
    }

    [Fact]
    public async Task CreatePlanAsync_BlankDefaultApproverConfigured_IgnoresItInsteadOfBlamingTheRequest()
    {
        // An empty list entry, as "Approvals__DefaultApprovers__0": "" in local.settings.json binds.
        var functions = Functions(new() { ["Approvals:DefaultApprovers:0"] = "", ["Approvals:DefaultApprovers:1"] = "carol" });
        using var exchange = HttpExchange.Post("/api/plans", $$"""{"plan": {{TestPlans.HttpPlanJson}}}""");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
        var started = Assert.IsType<PlanOrchestrationInput>(Assert.Single(client.Started).Input);
        Assert.Equal(["carol"], started.Approvers);
    }

    [Fact]
    public async Task CreatePlanAsync_InputWithModelConfigured_StartsWorkflowWithTheTrimmedInput()
    {
        // The model client is only created here, never called: the workflow's activity would call it.
        var functions = Functions(new() { ["OpenAI:BaseUrl"] = "http://127.0.0.1:9/v1", ["OpenAI:Model"] = "test-model" });
        using var exchange = HttpExchange.Post("/api/plans", """{"input": "  Check the status page  "}""");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
        var started = Assert.IsType<PlanOrchestrationInput>(Assert.Single(client.Started).Input);
        Assert.Equal("Check the status page", started.Input);
        Assert.Null(started.Plan);
        Assert.Equal("Check the status page", response.Json.GetProperty("description").GetString());
        Assert.Empty(response.Json.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task CreatePlanAsync_InputWithoutModel_Returns503NamingTheSettings()
    {
        var functions = Functions();
        using var exchange = HttpExchange.Post("/api/plans", """{"input": "Check the status page"}""");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        var detail = response.AssertProblem(503).GetProperty("detail").GetString();
        Assert.Contains("AzureOpenAI:Endpoint", detail, StringComparison.Ordinal);
        Assert.Contains("AzureOpenAI:Deployment", detail, StringComparison.Ordinal);
        Assert.Contains("OpenAI:BaseUrl", detail, StringComparison.Ordinal);
        Assert.Contains("OpenAI:Model", detail, StringComparison.Ordinal);
        Assert.Empty(client.Started);
    }

    [Theory]
    [InlineData("both input and plan", """{"input": "Check it", "plan": {"description": "d", "steps": [{"id": "s1", "toolName": "http_request", "parameters": {"url": "https://allowed.example/"}}]}}""", "input")]
    [InlineData("neither input nor plan", """{"requireApproval": false}""", "input")]
    [InlineData("unknown tool", """{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "deploy", "parameters": {}}]}}""", "plan.steps[s1]")]
    [InlineData("missing parameter", """{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "http_request", "parameters": {"method": "GET"}}]}}""", "plan.steps[s1]")]
    [InlineData("plan without steps", """{"plan": {"description": "d", "steps": []}}""", "plan")]
    [InlineData("bad approval timeout", """{"input": "Check it", "approvalTimeout": "soon"}""", "approvalTimeout")]
    [InlineData("blank approver", """{"input": "Check it", "approvers": [" "]}""", "approvers")]
    [InlineData("malformed JSON", """{"input": "Check it", """, "$")]
    [InlineData("unknown property", """{"input": "Check it", "colour": "red"}""", "$.colour")]
    [InlineData("wrong type", """{"input": "Check it", "requireApproval": "yes"}""", "$.requireApproval")]
    [InlineData("empty body", "", "$")]
    [InlineData("null body", "null", "$")]
    public async Task CreatePlanAsync_InvalidRequest_Returns400WithErrorsMap(string scenario, string body, string expectedField)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Post("/api/plans", body);

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        response.AssertProblem(400);
        Assert.True(
            response.Errors.Keys.Any(key => key.StartsWith(expectedField, StringComparison.Ordinal)),
            $"{scenario}: expected an error for '{expectedField}', got: {response.Body}");
        Assert.Empty(client.Started);
    }

    [Fact]
    public async Task CreatePlanAsync_BodyOverLimitWithContentLength_Returns413NamingTheSetting()
    {
        var functions = Functions(new() { ["Workflow:MaxRequestBodyBytes"] = "1024" });
        using var exchange = HttpExchange.Post("/api/plans", JsonSerializer.Serialize(new { input = new string('a', 2000) }));

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        var detail = response.AssertProblem(413).GetProperty("detail").GetString();
        Assert.Contains("Workflow:MaxRequestBodyBytes", detail, StringComparison.Ordinal);
        Assert.Empty(client.Started);
    }

    [Fact]
    public async Task CreatePlanAsync_BodyOverLimitWithoutContentLength_Returns413()
    {
        var functions = Functions(new() { ["Workflow:MaxRequestBodyBytes"] = "1024" });
        using var exchange = HttpExchange.PostChunked("/api/plans", JsonSerializer.SerializeToUtf8Bytes(new { input = new string('a', 40_000) }));

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        response.AssertProblem(413);
        Assert.Empty(client.Started);
    }
}
