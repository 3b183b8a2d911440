using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.IntegrationTests.Tools;

public sealed partial class HttpRequestToolTests
{
    [Theory]
    [InlineData("""{"method": "FETCH", "url": "http://127.0.0.1/"}""", "/method")]
    [InlineData("""{"method": "get", "url": "http://127.0.0.1/"}""", "/method")]
    [InlineData("""{"method": "GET"}""", "")]
    [InlineData("""{"url": "http://127.0.0.1/", "timeout": 5}""", "/timeout")]
    [InlineData("""{"url": "ftp://127.0.0.1/"}""", "/url")]
    [InlineData("""{"url": "http://127.0.0.1/", "headers": {"X-A": 1}}""", "/headers/X-A")]
    [InlineData("""{"url": "http://127.0.0.1/", "body": 42}""", "/body")]
    public void Validate_BadParametersThroughCatalog_ReportsInvalidParameters(string parameters, string path)
    {
        var catalog = new ToolCatalog(CreateTool());
        var plan = new ExecutionPlan
        {
            Steps = [new ExecutionStep { Id = "s1", ToolName = "http_request", Parameters = JsonNode.Parse(parameters)!.AsObject() }],
        };

        var errors = catalog.Validate(plan);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(PlanValidationCodes.InvalidParameters, e.Code));
        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public async Task ExecuteAsync_ThroughCatalog_RunsValidStep()
    {
        var catalog = new ToolCatalog(CreateTool());
        var step = new ExecutionStep
        {
            Id = "s1",
            ToolName = "http_request",
            Parameters = new JsonObject { ["method"] = "GET", ["url"] = server.Url("/hello"), ["headers"] = new JsonObject { ["X-A"] = "1" } },
        };
        var plan = new ExecutionPlan { Steps = [step] };

        var errors = catalog.Validate(plan);
        var output = await catalog.ExecuteAsync(step);

        Assert.Empty(errors);
        Assert.Equal("hello world", JsonNode.Parse(output)!["body"]!.GetValue<string>());
    }
}
