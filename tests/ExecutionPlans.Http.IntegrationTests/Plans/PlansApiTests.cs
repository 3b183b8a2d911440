using System.Text.Json.Nodes;
using ExecutionPlans.Http.IntegrationTests.Review;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Http.IntegrationTests.Plans;

/// <summary>
/// The HTTP handlers end to end: real requests (body stream, headers) into the handlers, the handlers' results
/// executed into responses, against the test host's client and services.
/// </summary>
public sealed class PlansApiTests(HttpWorkflowHostFixture fixture) : IClassFixture<HttpWorkflowHostFixture>, IDisposable
{
    private const string ProblemJson = "application/problem+json";

    private readonly HttpExchange http = new();

    private PlanApiServices Services => fixture.Host.Services.GetRequiredService<PlanApiServices>();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task CreatePlanAsync_GivenPlanThenGetAndApprove_RunsThePlanOverHttp()
    {
        var message = TestPlans.Unique("http");
        var body = new JsonObject
        {
            ["plan"] = new JsonObject
            {
                ["description"] = "Echo over HTTP",
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["id"] = "s1",
                    ["toolName"] = TestTools.Echo,
                    ["description"] = "Echo the message.",
                    ["parameters"] = new JsonObject { ["message"] = message },
                }),
            },
            ["approvalTimeout"] = "PT10M",
        };

        var createRequest = http.Request("POST", "/api/plans", body.ToJsonString());
        var created = await HttpExchange.ExecuteAsync(createRequest, await PlansApi.CreatePlanAsync(createRequest, fixture.Client, Services));
        var id = created.Json["id"]!.GetValue<string>();
        await fixture.Plans.WaitForAsync(id, v => v.Status == PlanStatus.PendingApproval);
        var getRequest = http.Request("GET", $"/api/plans/{id}");
        var pending = await HttpExchange.ExecuteAsync(getRequest, await PlansApi.GetPlanAsync(getRequest, id, fixture.Client, Services));
        var markdownRequest = http.Request("GET", $"/api/plans/{id}", accept: "text/markdown");
        var markdown = await HttpExchange.ExecuteAsync(markdownRequest, await PlansApi.GetPlanAsync(markdownRequest, id, fixture.Client, Services));
        var approveRequest = http.Request("POST", $"/api/plans/{id}/approve", """{"version": 1, "decisionId": "http-approval", "comment": "Go"}""");
        var approved = await HttpExchange.ExecuteAsync(approveRequest, await PlansApi.ApprovePlanAsync(approveRequest, id, fixture.Client, Services));
        var done = await fixture.Plans.WaitForEndAsync(id);
        var lateRequest = http.Request("POST", $"/api/plans/{id}/approve", """{"version": 1}""");
        var late = await HttpExchange.ExecuteAsync(lateRequest, await PlansApi.ApprovePlanAsync(lateRequest, id, fixture.Client, Services));

        Assert.Equal(202, created.StatusCode);
        Assert.Equal($"/api/plans/{id}", created.Location);
        Assert.StartsWith("application/json", created.ContentType, StringComparison.Ordinal);
        Assert.Equal("draft", created.Json["status"]!.GetValue<string>());
        Assert.Equal(200, pending.StatusCode);
        Assert.Equal("pending_approval", pending.Json["status"]!.GetValue<string>());
        Assert.Equal(1, pending.Json["version"]!.GetValue<int>());
        Assert.Equal(message, pending.Json["steps"]![0]!["parameters"]!["message"]!.GetValue<string>());
        Assert.Equal(200, markdown.StatusCode);
        Assert.StartsWith("text/markdown", markdown.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("# Execution Plan: Echo over HTTP\n", markdown.Body, StringComparison.Ordinal);
        Assert.Contains($"Task ID: {id}\n", markdown.Body, StringComparison.Ordinal);
        Assert.Contains("Status: pending_approval\n", markdown.Body, StringComparison.Ordinal);
        Assert.Contains($"- message: {message}\n", markdown.Body, StringComparison.Ordinal);
        Assert.Contains("Version: 1\n", markdown.Body, StringComparison.Ordinal);
        Assert.Equal(202, approved.StatusCode);
        Assert.Equal($"/api/plans/{id}", approved.Location);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal("http-approval", Assert.Single(done.Decisions).DecisionId);
        Assert.Equal($"echo: {message}", Assert.Single(done.Steps).Output);
        Assert.Equal(409, late.StatusCode);
        Assert.Equal(ProblemJson, late.ContentType);
        Assert.Equal(409, late.Json["status"]!.GetValue<int>());
        Assert.Contains("completed", late.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovePlanAsync_StaleVersion_Returns409Problem()
    {
        var view = await fixture.Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Stale over HTTP", TestPlans.Echo("s1", TestPlans.Unique("stale")))));
        await fixture.Plans.WaitForAsync(view.Id, v => v.Status == PlanStatus.PendingApproval);

        var request = http.Request("POST", $"/api/plans/{view.Id}/approve", """{"version": 7}""");
        var answer = await HttpExchange.ExecuteAsync(request, await PlansApi.ApprovePlanAsync(request, view.Id, fixture.Client, Services));
        var after = await fixture.Plans.GetAsync(view.Id);
        await fixture.Plans.CancelAsync(view.Id, "Test finished", by: null);

        Assert.Equal(409, answer.StatusCode);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Contains("version 7", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingApproval, after!.Status);
        Assert.Empty(after.Decisions);
    }

    [Fact]
    public async Task GetPlanAsync_UnknownId_Returns404Problem()
    {
        var request = http.Request("GET", "/api/plans/no-such-plan");

        var answer = await HttpExchange.ExecuteAsync(request, await PlansApi.GetPlanAsync(request, "no-such-plan", fixture.Client, Services));

        Assert.Equal(404, answer.StatusCode);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Equal(404, answer.Json["status"]!.GetValue<int>());
        Assert.Contains("no-such-plan", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePlanAsync_UnknownTool_Returns400ProblemWithErrors()
    {
        var request = http.Request("POST", "/api/plans", """{"plan": {"description": "Bad", "steps": [{"id": "s1", "toolName": "no_such_tool"}]}}""");

        var answer = await HttpExchange.ExecuteAsync(request, await PlansApi.CreatePlanAsync(request, fixture.Client, Services));

        Assert.Equal(400, answer.StatusCode);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Equal(400, answer.Json["status"]!.GetValue<int>());
        var errors = answer.Json["errors"]!.AsObject();
        var stepErrors = errors["plan.steps[s1]"]!.AsArray();
        Assert.Contains("no_such_tool", stepErrors[0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePlanAsync_InputWithoutModel_Returns503Problem()
    {
        var request = http.Request("POST", "/api/plans", """{"input": "Deploy the web app to staging"}""");

        var answer = await HttpExchange.ExecuteAsync(request, await PlansApi.CreatePlanAsync(request, fixture.Client, Services));

        Assert.Equal(503, answer.StatusCode);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Contains("AzureOpenAI:Endpoint", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
