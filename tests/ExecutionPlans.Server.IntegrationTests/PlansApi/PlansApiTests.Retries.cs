using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Steps that fail: HTTP errors fail them, failures that may pass are tried again with the attempts recorded.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task CreatePlan_StepAnswered503Twice_SucceedsOnTheThirdAttemptWithTheAttemptsRecorded()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s1", [503, 503, 200]);
        var plan = RetryPlan(Steps.Url(scope + "/s1"), """{"maxAttempts": 3, "firstDelay": "PT0.2S"}""");

        // Act
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        var calls = Steps.CallsTo(scope + "/s1");
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal($"{created.Id}.s1", call.IdempotencyKey));
        var attempts = done.Steps[0].Attempts!;
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Number));
        Assert.All(attempts.Take(2), a => Assert.Contains("HTTP 503", a.Error, StringComparison.Ordinal));
        Assert.Equal([true, true, false], attempts.Select(a => a.Transient));
        Assert.Null(attempts[2].Error);
        Assert.Equal(["s1:succeeded"], PlanAssert.Steps(done));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_StepAnswered404_FailsAtOnceWithTheStatusAndNoRetry()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s1", [404]);
        var plan = RetryPlan(Steps.Url(scope + "/s1"), """{"maxAttempts": 3, "firstDelay": "PT0.2S"}""");

        // Act
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Failed);

        // Assert
        Assert.Single(Steps.CallsTo(scope + "/s1"));
        Assert.Equal(["s1:failed"], PlanAssert.Steps(done));
        Assert.Contains("HTTP 404", done.Steps[0].Error, StringComparison.Ordinal);
        Assert.Contains("accepted: 2xx", done.Steps[0].Error, StringComparison.Ordinal);
        var attempt = Assert.Single(done.Steps[0].Attempts!);
        Assert.False(attempt.Transient);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_StatusTheStepAccepts_Succeeds()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s1", [404]);
        var plan = RetryPlan(Steps.Url(scope + "/s1"), retry: null, acceptStatus: """["2xx", 404]""");

        // Act
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(404, JsonNode.Parse(done.Steps[0].Output!)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreatePlan_StepTimesOut_IsTriedAgainThenFailsWithTheTimeout()
    {
        // Arrange: every answer takes 3 s; the step allows 1 s per attempt, two attempts.
        var scope = StepEndpoint.NewScope();
        Steps.Delay(scope + "/s1", TimeSpan.FromSeconds(3));
        var plan = RetryPlan(Steps.Url(scope + "/s1"), """{"maxAttempts": 2, "firstDelay": "PT0.2S"}""", timeout: "PT1S");

        // Act
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Failed);

        // Assert
        await Steps.WaitForCallAsync(scope + "/s1", count: 2);
        Assert.Equal([1, 2], done.Steps[0].Attempts!.Select(a => a.Number));
        Assert.All(done.Steps[0].Attempts!, a => Assert.Contains("timed out after PT1S", a.Error, StringComparison.Ordinal));
        Assert.All(done.Steps[0].Attempts!, a => Assert.True(a.Transient));
    }

    [Theory]
    [InlineData("""{"maxAttempts": 0}""", "maxAttempts")]
    [InlineData("""{"maxAttempts": 3, "firstDelay": "soon"}""", "duration")]
    public async Task CreatePlan_RetryNotValid_Answers400(string retry, string named)
    {
        // Arrange
        var plan = RetryPlan(Steps.Url(StepEndpoint.NewScope() + "/s1"), retry);

        // Act
        using var response = await Api.PostAsync("/api/plans", TestPlans.CreateRequest(plan, requireApproval: false));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonObject RetryPlan(string url, string? retry, string? timeout = null, string? acceptStatus = null)
    {
        var parameters = new JsonObject { ["method"] = "GET", ["url"] = url };
        if (acceptStatus is not null)
        {
            parameters["acceptStatus"] = JsonNode.Parse(acceptStatus);
        }

        var step = new JsonObject { ["id"] = "s1", ["toolName"] = "http_request", ["description"] = "Call s1", ["parameters"] = parameters };
        if (retry is not null)
        {
            step["retry"] = JsonNode.Parse(retry);
        }

        if (timeout is not null)
        {
            step["timeout"] = timeout;
        }

        return new JsonObject { ["description"] = "Retries", ["steps"] = new JsonArray(step) };
    }
}
