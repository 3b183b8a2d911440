using System.Globalization;
using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>
/// The functions and bindings the build generated for the Functions host (<c>functions.metadata</c>), and the
/// <c>host.json</c> shipped next to them: what the host would load, checked without the host.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>The HTTP API of DESIGN.md, without the <c>/api</c> prefix host.json adds.</summary>
    public static TheoryData<string, string, bool> HttpApi { get; } = new()
    {
        { "post", "plans", true },
        { "get", "plans", true },
        { "get", "plans/{id}", true },
        { "delete", "plans/{id}", true },
        { "post", "plans/{id}/approve", true },
        { "post", "plans/{id}/modify", true },
        { "post", "plans/{id}/reject", true },
        { "post", "plans/{id}/retry", true },
        { "post", "plans/{id}/cancel", true },
        { "post", "plans/{id}/steps/{stepId}/approve", true },
        { "post", "plans/{id}/steps/{stepId}/skip", true },
        { "post", "plans/{id}/steps/{stepId}/reject", true },
        { "get", "approvals", true },
        { "get", "tools", false },
    };

    /// <summary>The review page's routes: signed links are their credential, so they take no function key.</summary>
    public static TheoryData<string, string> ReviewPage { get; } = new()
    {
        { "get", "plans/{id}/review" },
        { "post", "plans/{id}/review" },
    };

    /// <summary>The MCP gate: one function for the methods of streamable HTTP, behind a function key like the API.</summary>
    private static readonly string[] McpMethods = ["get", "post", "delete"];

    public static TheoryData<string> McpGate { get; } = new(McpMethods);

    private static readonly Lazy<JsonElement[]> Functions = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions app's build did not produce {path}.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f => f.Clone())];
    });

    [Theory]
    [MemberData(nameof(HttpApi))]
    public void HttpTrigger_DesignRoute_IsDeclaredWithItsMethodAndBindings(string method, string route, bool needsDurableClient)
    {
        var function = Assert.Single(Functions.Value, f => HttpTrigger(f) is { } trigger && Route(trigger) == route && Methods(trigger).Contains(method));

        Assert.StartsWith("ExecutionPlans.Functions.PlansFunctions.", function.GetProperty("entryPoint").GetString(), StringComparison.Ordinal);
        Assert.Equal("ExecutionPlans.Functions.dll", function.GetProperty("scriptFile").GetString());
        Assert.Equal(needsDurableClient, Bindings(function).Any(b => Type(b) == "durableClient" && Direction(b) == "In"));
        Assert.Contains(Bindings(function), b => Type(b) == "http" && Direction(b) == "Out");
    }

    [Fact]
    public void HttpTriggers_All_AreExactlyTheDesignRoutes()
    {
        var expected = HttpApi.Select(row => $"{row[0]} {row[1]}")
            .Concat(ReviewPage.Select(row => $"{row[0]} {row[1]}"))
            .Concat(McpMethods.Select(method => $"{method} mcp"))
            .Order(StringComparer.Ordinal);

        var declared = Functions.Value
            .Select(HttpTrigger)
            .OfType<JsonElement>()
            .SelectMany(trigger => Methods(trigger).Select(method => $"{method} {Route(trigger)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, declared);
    }

    [Theory]
    [MemberData(nameof(McpGate))]
    public void HttpTrigger_McpGate_NeedsAFunctionKeyAndTheDurableClient(string method)
    {
        var function = Assert.Single(Functions.Value, f => HttpTrigger(f) is { } trigger && Route(trigger) == "mcp" && Methods(trigger).Contains(method));

        Assert.Equal("ExecutionPlans.Functions.McpGateFunctions.McpAsync", function.GetProperty("entryPoint").GetString());
        Assert.Equal("Function", HttpTrigger(function)!.Value.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Contains(Bindings(function), b => Type(b) == "durableClient" && Direction(b) == "In");
    }

    [Theory]
    [MemberData(nameof(ReviewPage))]
    public void HttpTrigger_ReviewPage_IsAnonymous(string method, string route)
    {
        var function = Assert.Single(Functions.Value, f => HttpTrigger(f) is { } trigger && Route(trigger) == route && Methods(trigger).Contains(method));

        Assert.Equal("Anonymous", HttpTrigger(function)!.Value.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(HttpApi))]
    public void HttpTrigger_DesignRoute_NeedsAFunctionKey(string method, string route, bool needsDurableClient)
    {
        _ = needsDurableClient;
        var function = Assert.Single(Functions.Value, f => HttpTrigger(f) is { } trigger && Route(trigger) == route && Methods(trigger).Contains(method));

        Assert.Equal("Function", HttpTrigger(function)!.Value.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    [Fact]
    public void Orchestrator_PlanOrchestrator_HasAnOrchestrationTrigger()
    {
        var function = Assert.Single(Functions.Value, f => Name(f) == nameof(PlanOrchestrator));

        var trigger = Assert.Single(Bindings(function));
        Assert.Equal("orchestrationTrigger", Type(trigger));
        Assert.Equal("ExecutionPlans.Functions.WorkflowFunctions.RunPlanOrchestratorAsync", function.GetProperty("entryPoint").GetString());
    }

    [Theory]
    [InlineData(nameof(GeneratePlanActivity))]
    [InlineData(nameof(ModifyPlanActivity))]
    [InlineData(nameof(ValidatePlanActivity))]
    [InlineData(nameof(AssessPlanActivity))]
    [InlineData(nameof(ExecuteStepActivity))]
    [InlineData(nameof(NotifyApproversActivity))]
    public void Activity_CalledByTheOrchestrator_HasAnActivityTriggerOfThatName(string name)
    {
        var function = Assert.Single(Functions.Value, f => Name(f) == name);

        var trigger = Assert.Single(Bindings(function));
        Assert.Equal("activityTrigger", Type(trigger));
        Assert.StartsWith("ExecutionPlans.Functions.WorkflowFunctions.", function.GetProperty("entryPoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HostJson_InTheOutput_ConfiguresTheHubPollingAndRoutePrefix()
    {
        var path = Path.Combine(RepositoryPaths.FunctionsOutput, "host.json");
        Assert.True(File.Exists(path), $"host.json is not in the Functions app's output, {RepositoryPaths.FunctionsOutput}.");

        using var host = JsonDocument.Parse(
            File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var extensions = root.GetProperty("extensions");
        var durable = extensions.GetProperty("durableTask");
        Assert.False(string.IsNullOrWhiteSpace(durable.GetProperty("hubName").GetString()));
        var polling = TimeSpan.Parse(
            durable.GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString() ?? string.Empty,
            CultureInfo.InvariantCulture);
        Assert.InRange(polling, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        var routePrefix = extensions.GetProperty("http").GetProperty("routePrefix").GetString();
        Assert.Equal("api", routePrefix);
        Assert.Equal(PlanRoutes.Prefix, "/" + routePrefix);
    }

    private static JsonElement? HttpTrigger(JsonElement function) =>
        Bindings(function).Where(b => Type(b) == "httpTrigger").Select(b => (JsonElement?)b).SingleOrDefault();

    private static JsonElement[] Bindings(JsonElement function) => [.. function.GetProperty("bindings").EnumerateArray()];

    private static string? Name(JsonElement function) => function.GetProperty("name").GetString();

    private static string? Type(JsonElement binding) => binding.GetProperty("type").GetString();

    private static string? Direction(JsonElement binding) => binding.GetProperty("direction").GetString();

    private static string? Route(JsonElement trigger) => trigger.GetProperty("route").GetString();

    private static string[] Methods(JsonElement trigger) =>
        [.. trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()?.ToLowerInvariant() ?? string.Empty)];
}
