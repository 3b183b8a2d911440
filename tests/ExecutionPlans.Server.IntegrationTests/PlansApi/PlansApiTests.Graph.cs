using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Plans as graphs over HTTP: dependencies, outputs flowing into later calls, parallel branches, failures and cancels.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task CreatePlan_Diamond_CallsTheLastStepWithTheBranchesOutputsAndTheirTypes()
    {
        // Arrange: a → (b, c) → d. d posts a body built from b's answer (a number) and c's (a text), and one whole object.
        var scope = StepEndpoint.NewScope();
        var plan = GraphPlan(
            "Diamond",
            GraphStep("a", Steps.Url(scope + "/a"), []),
            GraphStep("b", Steps.Url(scope + "/b"), ["a"]),
            GraphStep("c", Steps.Url(scope + "/c"), ["a"]),
            GraphStep("d", Steps.Url(scope + "/d"), ["b", "c"], method: "POST",
                body: """{"fromB": {{steps.b.output.json.call}}, "fromC": "{{steps.c.output.json.path}}", "a": {{steps.a.output.json}}}"""),
            GraphStep("e", Steps.Url(scope + "/e"), null, method: "POST", body: "{{steps.b.output.json}}"));

        // Act
        var created = await Api.CreateAsync(CreateGraphRequest(plan));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        var received = JsonNode.Parse(Assert.Single(Steps.CallsTo(scope + "/d")).Body)!;
        Assert.Equal(JsonValueKind.Number, received["fromB"]!.GetValueKind());
        Assert.Equal(1, received["fromB"]!.GetValue<int>());
        Assert.Equal(scope + "/c", received["fromC"]!.GetValue<string>());
        Assert.Equal(scope + "/a", received["a"]!["path"]!.GetValue<string>());
        var whole = JsonNode.Parse(Assert.Single(Steps.CallsTo(scope + "/e")).Body)!;
        Assert.Equal(scope + "/b", whole["path"]!.GetValue<string>());
        Assert.Equal(["a:succeeded", "b:succeeded", "c:succeeded", "d:succeeded", "e:succeeded"], PlanAssert.Steps(done));
        Assert.Contains("\"fromB\": 1", done.Steps[3].ResolvedParameters!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["b", "c"], done.Steps[3].DependsOn);
        var bArrived = Steps.CallsTo(scope + "/b")[0].At;
        Assert.True(Steps.CallsTo(scope + "/a")[0].At <= bArrived, "b ran before a");
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_TwentyIndependentSteps_RunAtMostEightAtOnce()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var ids = Enumerable.Range(1, 20).Select(i => $"s{i}").ToList();
        foreach (var id in ids)
        {
            Steps.Hold($"{scope}/{id}");
        }

        var plan = GraphPlan("Fan out", [.. ids.Select(id => GraphStep(id, Steps.Url($"{scope}/{id}"), []))]);
        var created = await Api.CreateAsync(CreateGraphRequest(plan));

        // Act
        var busy = await Api.WaitUntilAsync(created.Id, view => view.Steps.Count(s => s.Status == StepStatus.Running) == 8, "running 8 steps");
        foreach (var id in ids)
        {
            Steps.Release($"{scope}/{id}");
        }

        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(12, busy.Steps.Count(s => s.Status == StepStatus.Pending));
        Assert.All(ids, id => Assert.Single(Steps.CallsTo($"{scope}/{id}")));
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Succeeded, step.Status));
    }

    [Fact]
    public async Task CreatePlan_FailureInOneBranch_FinishesTheOtherAndSkipsTheRest()
    {
        // Arrange: b fails at once while c is held (its host, known once a has answered, is not allowed); d waits for c.
        var scope = StepEndpoint.NewScope();
        Steps.Hold(scope + "/c");
        var plan = GraphPlan(
            "One branch fails",
            GraphStep("a", Steps.Url(scope + "/a"), []),
            GraphStep("b", "http://not-allowed.invalid/{{steps.a.output.status}}", ["a"]),
            GraphStep("c", Steps.Url(scope + "/c"), ["a"]),
            GraphStep("d", Steps.Url(scope + "/d"), ["c"]));
        var created = await Api.CreateAsync(CreateGraphRequest(plan));

        // Act
        var draining = await Api.WaitUntilAsync(created.Id, view => view.Steps[1].Status == StepStatus.Failed, "b failed");
        Steps.Release(scope + "/c");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Failed);

        // Assert
        Assert.Equal(PlanStatus.Executing, draining.Status);
        Assert.Equal(["a:succeeded", "b:failed", "c:succeeded", "d:skipped"], PlanAssert.Steps(done));
        Assert.Contains("'b'", done.Error, StringComparison.Ordinal);
        Assert.Empty(Steps.CallsTo(scope + "/d"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CancelPlan_InTheMiddleOfAGraph_LetsRunningStepsFinishAndStartsNothing()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.Hold(scope + "/a");
        Steps.Hold(scope + "/b");
        var plan = GraphPlan(
            "Cancel mid-graph",
            GraphStep("a", Steps.Url(scope + "/a"), []),
            GraphStep("b", Steps.Url(scope + "/b"), []),
            GraphStep("c", Steps.Url(scope + "/c"), ["a", "b"]));
        var created = await Api.CreateAsync(CreateGraphRequest(plan));
        await Steps.WaitForCallAsync(scope + "/a");
        await Steps.WaitForCallAsync(scope + "/b");

        // Act
        await Api.DecideAcceptedAsync(created.Id, "cancel", """{"reason": "stop"}""");
        var cancelling = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelling);
        Steps.Release(scope + "/a");
        Steps.Release(scope + "/b");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        Assert.Equal(["a:running", "b:running", "c:pending"], PlanAssert.Steps(cancelling));
        Assert.Equal(["a:succeeded", "b:succeeded", "c:skipped"], PlanAssert.Steps(done));
        Assert.Equal(["cancel/applied"], PlanAssert.Decisions(done));
        Assert.Empty(Steps.CallsTo(scope + "/c"));
    }

    [Theory]
    [InlineData("""[{"id": "a", "dependsOn": ["b"]}, {"id": "b", "dependsOn": ["a"]}]""", "a", "circle")]
    [InlineData("""[{"id": "a", "dependsOn": ["a"]}]""", "a", "depends on itself")]
    [InlineData("""[{"id": "a", "dependsOn": []}, {"id": "b", "dependsOn": ["x"]}]""", "b", "not a step of this plan")]
    [InlineData("""[{"id": "a", "dependsOn": []}, {"id": "b", "dependsOn": [], "body": "{{steps.a.output}}"}]""", "b", "does not depend on")]
    [InlineData("""[{"id": "a", "dependsOn": []}, {"id": "b", "body": "{{steps.a}}"}]""", "b", "is not a reference")]
    [InlineData("""[{"id": "a", "dependsOn": []}, {"id": "b", "body": "{{steps.z.output}}"}]""", "b", "not a step of this plan")]
    public async Task CreatePlan_RefusedGraph_Answers400NamingTheStep(string steps, string stepId, string message)
    {
        // Arrange: each step is a GET of the health endpoint; the shape is what is wrong.
        var plan = new JsonObject
        {
            ["description"] = "Refused",
            ["steps"] = new JsonArray([.. JsonNode.Parse(steps)!.AsArray().Select(node =>
            {
                var step = node!.AsObject();
                var call = new JsonObject { ["toolName"] = "http_request", ["description"] = "call" };
                foreach (var (name, value) in step)
                {
                    if (name != "body")
                    {
                        call[name] = value?.DeepClone();
                    }
                }

                call["parameters"] = new JsonObject { ["method"] = "POST", ["url"] = Steps.Url("/refused"), ["body"] = step["body"]?.DeepClone() ?? "x" };
                return (JsonNode)call;
            })]),
        };

        // Act
        using var response = await Api.PostAsync("api/plans", CreateGraphRequest(plan));

        // Assert
        var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        var forStep = problem.GetProperty("errors").EnumerateObject()
            .Where(error => error.Name.StartsWith($"plan.steps[{stepId}]", StringComparison.Ordinal))
            .SelectMany(error => error.Value.EnumerateArray().Select(text => text.GetString()!))
            .ToList();
        Assert.True(forStep.Count > 0, $"No error for step '{stepId}': {problem}");
        Assert.Contains(forStep, error => error.Contains(message, StringComparison.Ordinal));
    }

    private static JsonObject GraphStep(string id, string url, string[]? dependsOn, string method = "GET", string? body = null)
    {
        var parameters = new JsonObject { ["method"] = method, ["url"] = url };
        if (body is not null)
        {
            parameters["body"] = body;
        }

        var step = new JsonObject { ["id"] = id, ["toolName"] = "http_request", ["description"] = $"Call {id}", ["parameters"] = parameters };
        if (dependsOn is not null)
        {
            step["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]);
        }

        return step;
    }

    private static JsonObject GraphPlan(string description, params JsonObject[] steps) =>
        new() { ["description"] = description, ["steps"] = new JsonArray([.. steps]) };

    private static string CreateGraphRequest(JsonObject plan) => TestPlans.CreateRequest(plan, requireApproval: false);
}
