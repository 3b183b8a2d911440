using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>Decisions: approve, modify, reject, each bound to the version it was checked against.</summary>
public sealed partial class PlansFunctionsTests
{
    [Fact]
    public async Task ApprovePlanAsync_PendingPlan_Returns202AndRaisesApprovedBoundToTheCurrentVersion()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange
            .Post($"/api/plans/{TestPlans.PlanId}/approve", """{"decisionId": "d-1", "comment": "Looks right"}""")
            .WithUser("bob");

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}", response.Location);
        Assert.Equal(TestPlans.PlanId, response.Json.GetProperty("id").GetString());
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(TestPlans.PlanId, raised.InstanceId);
        Assert.Equal(PlanEvents.Approved, raised.Name);
        Assert.Equal(2, raised.Payload.GetProperty("version").GetInt32());
        Assert.Equal("d-1", raised.Payload.GetProperty("decisionId").GetString());
        Assert.Equal("Looks right", raised.Payload.GetProperty("comment").GetString());
        Assert.Equal("bob", raised.Payload.GetProperty("by").GetString());
    }

    [Fact]
    public async Task ApprovePlanAsync_NoBody_Returns202AndRaisesApprovedBoundToTheCurrentVersion()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 3));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve");

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(PlanEvents.Approved, raised.Name);
        Assert.Equal(3, raised.Payload.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ApprovePlanAsync_MatchingVersion_Returns202()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve", """{"version": 2}""");

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(2, Assert.Single(client.RaisedEvents).Payload.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ModifyPlanAsync_Feedback_Returns202AndRaisesModifyWithTheFeedback()
    {
        var functions = Functions(WithModel);
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange
            .Post($"/api/plans/{TestPlans.PlanId}/modify", """{"version": 2, "feedback": "Use the staging host"}""")
            .WithUser("bob");

        var response = await exchange.ExecuteAsync(await functions.ModifyPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}", response.Location);
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(PlanEvents.Modify, raised.Name);
        Assert.Equal(2, raised.Payload.GetProperty("version").GetInt32());
        Assert.Equal("Use the staging host", raised.Payload.GetProperty("feedback").GetString());
        Assert.Equal("bob", raised.Payload.GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Null, raised.Payload.GetProperty("plan").ValueKind);
    }

    [Fact]
    public async Task ModifyPlanAsync_FeedbackWithoutModel_Returns503NamingTheSettingsAndRaisesNothing()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/modify", """{"feedback": "Use the staging host"}""");

        var response = await exchange.ExecuteAsync(await functions.ModifyPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        var detail = response.AssertProblem(503).GetProperty("detail").GetString();
        Assert.Contains("OpenAI:BaseUrl", detail, StringComparison.Ordinal);
        Assert.Contains("'plan'", detail, StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    [Fact]
    public async Task ModifyPlanAsync_ReplacementPlan_Returns202AndRaisesModifyWithThePlan()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 1));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/modify", $$"""{"plan": {{TestPlans.HttpPlanJson}}}""");

        var response = await exchange.ExecuteAsync(await functions.ModifyPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(PlanEvents.Modify, raised.Name);
        Assert.Equal(1, raised.Payload.GetProperty("version").GetInt32());
        var plan = raised.Payload.GetProperty("plan").Deserialize<ExecutionPlan>(ExecutionPlanJson.Options);
        Assert.Equal("Check the status page", plan?.Description);
        Assert.Equal("http_request", Assert.Single(plan?.Steps ?? []).ToolName);
    }

    [Theory]
    [InlineData("{}", "feedback")]
    [InlineData("""{"feedback": "  "}""", "feedback")]
    [InlineData("""{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "deploy", "parameters": {}}]}}""", "plan.steps[s1]")]
    [InlineData("""{"feedback": "Change it", "version": 0}""", "version")]
    [InlineData("""{"feedback": "Change it", "reason": "No"}""", "reason")]
    public async Task ModifyPlanAsync_InvalidBody_Returns400WithErrorsMap(string body, string expectedField)
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/modify", body);

        var response = await exchange.ExecuteAsync(await functions.ModifyPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        response.AssertProblem(400);
        Assert.Contains(response.Errors.Keys, key => key.StartsWith(expectedField, StringComparison.Ordinal));
        Assert.Empty(client.RaisedEvents);
    }

    [Fact]
    public async Task RejectPlanAsync_PendingPlan_Returns202AndRaisesRejectedWithTheReason()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 2));
        using var exchange = HttpExchange
            .Post($"/api/plans/{TestPlans.PlanId}/reject", """{"reason": "Not this week"}""")
            .WithUser("bob");

        var response = await exchange.ExecuteAsync(await functions.RejectPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}", response.Location);
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(PlanEvents.Rejected, raised.Name);
        Assert.Equal(2, raised.Payload.GetProperty("version").GetInt32());
        Assert.Equal("Not this week", raised.Payload.GetProperty("reason").GetString());
        Assert.Equal("bob", raised.Payload.GetProperty("by").GetString());
    }

    [Theory]
    [InlineData("approve", """{"feedback": "Change it"}""", "feedback")]
    [InlineData("approve", """{"reason": "No"}""", "reason")]
    [InlineData("reject", """{"comment": "Fine"}""", "comment")]
    [InlineData("approve", """{"colour": "red"}""", "$.colour")]
    [InlineData("reject", """{"reason": """, "$")]
    public async Task DecisionRoute_InvalidBody_Returns400WithErrorsMap(string route, string body, string expectedField)
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/{route}", body);

        var response = await exchange.ExecuteAsync(await DecideAsync(functions, route, exchange.Request, TestPlans.PlanId));

        response.AssertProblem(400);
        Assert.Contains(response.Errors.Keys, key => key.StartsWith(expectedField, StringComparison.Ordinal));
        Assert.Empty(client.RaisedEvents);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("modify")]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task DecisionRoute_UnknownPlan_Returns404(string route)
    {
        var functions = Functions();
        using var exchange = HttpExchange.Post($"/api/plans/nope/{route}", DecisionBody(route));

        var response = await exchange.ExecuteAsync(await DecideAsync(functions, route, exchange.Request, "nope"));

        response.AssertProblem(404);
        Assert.Empty(client.RaisedEvents);
    }

    [Theory]
    [InlineData("approve", PlanStatus.Executing)]
    [InlineData("approve", PlanStatus.Draft)]
    [InlineData("modify", PlanStatus.Approved)]
    [InlineData("reject", PlanStatus.Executing)]
    public async Task DecisionRoute_PlanNotAwaitingApproval_Returns409NamingTheStatus(string route, PlanStatus status)
    {
        var functions = Functions();
        client.With(TestPlans.View(status));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/{route}", DecisionBody(route));

        var response = await exchange.ExecuteAsync(await DecideAsync(functions, route, exchange.Request, TestPlans.PlanId));

        var detail = response.AssertProblem(409).GetProperty("detail").GetString();
        Assert.Contains(status.ToWireName(), detail, StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("modify")]
    [InlineData("reject")]
    public async Task DecisionRoute_StaleVersion_Returns409NamingBothVersions(string route)
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.PendingApproval, version: 3));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/{route}", DecisionBody(route, version: 2));

        var response = await exchange.ExecuteAsync(await DecideAsync(functions, route, exchange.Request, TestPlans.PlanId));

        var detail = response.AssertProblem(409).GetProperty("detail").GetString();
        Assert.Contains("version 2", detail, StringComparison.Ordinal);
        Assert.Contains("version 3", detail, StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    private static string DecisionBody(string route, int? version = null)
    {
        var versionField = version is null ? string.Empty : $"\"version\": {version}, ";
        return route switch
        {
            "modify" => $$"""{ {{versionField}}"feedback": "Change it" }""",
            "reject" or "cancel" => $$"""{ {{versionField}}"reason": "No" }""",
            _ => $$"""{ {{versionField}}"comment": "Yes" }""",
        };
    }

    private Task<IActionResult> DecideAsync(PlansFunctions functions, string route, HttpRequest request, string id) => route switch
    {
        "approve" => functions.ApprovePlanAsync(request, id, client.Object),
        "modify" => functions.ModifyPlanAsync(request, id, client.Object),
        "reject" => functions.RejectPlanAsync(request, id, client.Object),
        "cancel" => functions.CancelPlanAsync(request, id, client.Object),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Not a decision route."),
    };
}
