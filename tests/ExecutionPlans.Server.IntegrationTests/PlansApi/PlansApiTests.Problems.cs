using System.Net;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Scenarios of refused requests: every error is problem details, never a 500.</summary>
public abstract partial class PlansApiTests
{
    [Theory]
    [InlineData("{}", "input")]
    [InlineData("""{"input": "do it", "plan": {"description": "d", "steps": []}}""", "input")]
    [InlineData("""{"plan": {"description": "d", "steps": []}}""", "plan")]
    [InlineData("""{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "no_such_tool", "description": "x"}]}}""", "plan")]
    [InlineData("""{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "http_request", "description": "x", "parameters": {"url": 42}}]}}""", "plan")]
    [InlineData("""{"plan": {"description": "d", "steps": [{"id": "s1", "toolName": "http_request", "description": "x", "parameters": {"url": "http://127.0.0.1/"}}]}, "approvalTimeout": "soon"}""", "approvalTimeout")]
    public async Task CreatePlan_InvalidRequest_Answers400WithErrors(string body, string field)
    {
        // Act
        using var response = await Api.PostAsync("api/plans", body);

        // Assert
        var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(error => error.Name.StartsWith(field, StringComparison.Ordinal)), $"No error for '{field}': {problem}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"plan": {"description": "d", "steps": []}, "unknown": 1}""")]
    public async Task CreatePlan_UnreadableBody_Answers400(string body)
    {
        // Act
        using var response = await Api.PostAsync("api/plans", body);

        // Assert
        await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("status=finished", "status")]
    [InlineData("top=0", "top")]
    [InlineData("top=many", "top")]
    public async Task ListPlans_InvalidQuery_Answers400WithErrors(string query, string field)
    {
        // Act
        using var response = await Api.GetPathAsync("api/plans?" + query);

        // Assert
        var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {problem}");
    }

    [Fact]
    public async Task EveryPlanRoute_UnknownPlan_Answers404()
    {
        // Arrange
        var id = "no-such-plan-" + Guid.NewGuid().ToString("N");
        var plan = JsonSerializer.Serialize(new { plan = TestPlans.HttpPlan("Replacement", ("s1", Steps.Url("/never"))) });

        // Act
        using var get = await Api.GetAsync(id);
        using var approve = await Api.DecideAsync(id, "approve");
        using var modify = await Api.DecideAsync(id, "modify", plan);
        using var reject = await Api.DecideAsync(id, "reject");
        using var cancel = await Api.DecideAsync(id, "cancel");
        using var delete = await Api.DeleteAsync(id);

        // Assert
        foreach (var response in new[] { get, approve, modify, reject, cancel, delete })
        {
            var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Decisions_PlanNotInAState_Answer409AndChangeNothing()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Conflicts", ("s1", Steps.Url(scope + "/s1")))));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        using var staleApprove = await Api.DecideAsync(created.Id, "approve", """{"version": 7}""");
        using var deleteWhilePending = await Api.DeleteAsync(created.Id);
        await Api.DecideAcceptedAsync(created.Id, "reject");
        var ended = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);
        using var approveEnded = await Api.DecideAsync(created.Id, "approve");
        using var modifyEnded = await Api.DecideAsync(created.Id, "modify", JsonSerializer.Serialize(new { plan = TestPlans.HttpPlan("Too late", ("s1", Steps.Url(scope + "/late"))) }));
        using var cancelEnded = await Api.DecideAsync(created.Id, "cancel");

        // Assert
        Assert.Contains("version 7", (await Api.ExpectProblemAsync(staleApprove, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Api.ExpectProblemAsync(deleteWhilePending, HttpStatusCode.Conflict);
        await Api.ExpectProblemAsync(approveEnded, HttpStatusCode.Conflict);
        await Api.ExpectProblemAsync(modifyEnded, HttpStatusCode.Conflict);
        await Api.ExpectProblemAsync(cancelEnded, HttpStatusCode.Conflict);
        Assert.Equal(["reject/applied"], PlanAssert.Decisions(ended));
        Assert.Equal(["reject/applied"], PlanAssert.Decisions(await Api.GetViewAsync(created.Id)));
        Assert.Empty(Steps.CallsTo(scope + "/s1"));
        Assert.Empty(Steps.CallsTo(scope + "/late"));
    }

    [Theory]
    [InlineData("approve", """{"reason": "why"}""", "reason")]
    [InlineData("reject", """{"comment": "hm"}""", "comment")]
    [InlineData("modify", """{"version": 1}""", "feedback")]
    [InlineData("approve", """{"version": 0}""", "version")]
    public async Task Decide_InvalidBody_Answers400WithErrors(string action, string body, string field)
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Invalid decisions", ("s1", Steps.Url(scope + "/s1")))));

        // Act
        using var response = await Api.DecideAsync(created.Id, action, body);

        // Assert
        var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {problem}");
    }

    [Fact]
    public async Task ModifyPlan_FeedbackWithoutModel_Answers503NamingTheSettings()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Needs a model", ("s1", Steps.Url(scope + "/s1")))));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        using var response = await Api.DecideAsync(created.Id, "modify", """{"feedback": "add a step"}""");

        // Assert
        var detail = (await Api.ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString();
        Assert.Contains("OpenAI:BaseUrl", detail, StringComparison.Ordinal);
        Assert.Contains("AzureOpenAI:Endpoint", detail, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingApproval, (await Api.GetViewAsync(created.Id)).Status);
    }
}
