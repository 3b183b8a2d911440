using System.Net;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Reliability.Tests.Limits;

/// <summary>
/// The documented limits, at their maximum all at once, on the Azure Storage engine (whose table properties hold 64 KB):
/// such a plan is stored, waits, is approved with the longest comment and runs to the end; one past any limit is a 400.
/// </summary>
public sealed class PlanLimitsTests
{
    private const int MaxSteps = 100;
    private const int MaxRequestBytes = 256 * 1024;

    [Fact]
    public async Task AzureStorage_PlanAtEveryLimitAtOnce_IsApprovedAndCompletes()
    {
        // Arrange: 100 steps with the longest ids, 20 approvers of the longest names, the longest texts that fit the request.
        await using var steps = await StepEndpoint.StartAsync();
        await using var server = await ServerProcess.StartAsync(ServerSettings.AzureStorage().With("Approvals__TrustAppServiceAuthentication", "true"));
        var scope = StepEndpoint.NewScope();
        var approvers = Enumerable.Range(0, PlanLimits.MaxApprovers).Select(i => $"{i:D2}" + new string('a', PlanLimits.MaxApproverChars - 2)).ToList();
        var request = AtEveryLimit(steps, scope, approvers);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(request);

        // Act
        var created = await server.Api.CreateAsync(request);
        var pending = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await server.Api.DecideAcceptedAsAsync(
            approvers[^1], created.Id, "approve", new JsonObject { ["version"] = 1, ["comment"] = new string('c', PlanLimits.MaxDecisionTextChars) }.ToJsonString());
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.InRange(bytes, MaxRequestBytes - 8 * 1024, MaxRequestBytes);
        Assert.Equal(approvers, pending.Approvers);
        Assert.Equal(MaxSteps, done.Steps.Count);
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Succeeded, step.Status));
        Assert.Equal(MaxSteps, steps.Calls.Count(call => call.Path.StartsWith(scope, StringComparison.Ordinal)));
        Assert.Equal(PlanLimits.MaxStepIdChars, done.Steps[^1].Id.Length);
        var approval = done.Decisions.Single(d => d.Kind == DecisionKind.Approve);
        Assert.Equal((DecisionOutcome.Applied, approvers[^1]), (approval.Outcome, approval.By));

        // A plan this large shows its decisions' texts shortened (and marked) to keep its status small.
        Assert.StartsWith(new string('c', 200), approval.Comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approvers")]
    [InlineData("approver")]
    [InlineData("stepId")]
    [InlineData("description")]
    [InlineData("steps")]
    public async Task InMemory_OnePastALimit_Answers400NamingIt(string limit)
    {
        await using var steps = await StepEndpoint.StartAsync();
        await using var server = await ServerProcess.StartAsync(ServerSettings.InMemory());
        var step = new JsonObject { ["id"] = "s1", ["toolName"] = "http_request", ["parameters"] = new JsonObject { ["url"] = steps.Url("/x") } };
        var plan = new JsonObject { ["description"] = "d", ["steps"] = new JsonArray(step) };
        var body = new JsonObject { ["plan"] = plan };
        var expected = limit switch
        {
            "approvers" => Set(body, "approvers", new JsonArray([.. Enumerable.Range(0, PlanLimits.MaxApprovers + 1).Select(i => (JsonNode)$"a{i}")]), $"at most {PlanLimits.MaxApprovers}"),
            "approver" => Set(body, "approvers", new JsonArray(new string('a', PlanLimits.MaxApproverChars + 1)), $"at most {PlanLimits.MaxApproverChars}"),
            "stepId" => Set(step, "id", new string('s', PlanLimits.MaxStepIdChars + 1), $"1 to {PlanLimits.MaxStepIdChars}"),
            "description" => Set(plan, "description", new string('d', PlanLimits.MaxDescriptionChars + 1), $"at most {PlanLimits.MaxDescriptionChars}"),
            _ => Set(plan, "steps", new JsonArray([.. Enumerable.Range(0, MaxSteps + 1).Select(i => (JsonNode)new JsonObject { ["id"] = $"s{i}", ["toolName"] = "http_request", ["parameters"] = new JsonObject { ["url"] = steps.Url("/x") } })]), $"at most {MaxSteps}"),
        };

        using var response = await server.Api.PostAsync("api/plans", body.ToJsonString());

        var problem = await server.Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetRawText(), StringComparison.Ordinal);
    }

    private static string Set(JsonObject target, string name, JsonNode value, string expected)
    {
        target[name] = value;
        return expected;
    }

    /// <summary>The create request: every step as long as the request allows, and every other limit at its maximum.</summary>
    private static string AtEveryLimit(StepEndpoint steps, string scope, List<string> approvers)
    {
        JsonObject Request(int stepTextChars)
        {
            var plan = new JsonObject
            {
                ["description"] = new string('p', PlanLimits.MaxDescriptionChars),
                ["steps"] = new JsonArray([.. Enumerable.Range(0, MaxSteps).Select(i => (JsonNode)new JsonObject
                {
                    ["id"] = $"{i:D3}" + new string('x', PlanLimits.MaxStepIdChars - 3),
                    ["toolName"] = "http_request",
                    ["description"] = new string('d', Math.Min(stepTextChars, PlanLimits.MaxStepDescriptionChars)),
                    ["input"] = new string('i', Math.Min(stepTextChars, PlanLimits.MaxStepInputChars)),
                    ["dependsOn"] = new JsonArray(),
                    ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = steps.Url($"{scope}/{i}") },
                })]),
            };
            return new JsonObject { ["plan"] = plan, ["approvers"] = new JsonArray([.. approvers.Select(a => (JsonNode)a)]) };
        }

        // The longest step texts that keep the whole request within Workflow:MaxRequestBodyBytes.
        var chars = PlanLimits.MaxStepInputChars;
        while (System.Text.Encoding.UTF8.GetByteCount(Request(chars).ToJsonString()) > MaxRequestBytes)
        {
            chars -= 50;
        }

        return Request(chars).ToJsonString();
    }
}
