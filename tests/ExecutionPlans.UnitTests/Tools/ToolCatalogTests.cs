using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

public partial class ToolCatalogTests
{
    private const string DeploySchema = """
        {
          "type": "object",
          "properties": {
            "service": { "type": "string" },
            "options": {
              "type": "object",
              "properties": { "retries": { "type": "integer" } },
              "required": ["retries"]
            }
          },
          "required": ["service"],
          "additionalProperties": false
        }
        """;

    private static ToolCatalog DeployCatalog() =>
        new(new StubTool("deploy", DeploySchema), new StubTool("notify", StubTool.AnyObject));

    private static ExecutionStep Step(string id, string toolName, JsonObject? parameters = null) =>
        new() { Id = id, ToolName = toolName, Parameters = parameters ?? [] };

    private static ExecutionPlan Plan(params ExecutionStep[] steps) => new() { TaskId = "task-1", Steps = [.. steps] };

    private static JsonObject DeployParameters() => new() { ["service"] = "web" };

    [Fact]
    public void Tools_AddedOutOfOrder_AreSortedByName()
    {
        var catalog = new ToolCatalog(
            new StubTool("zeta", StubTool.AnyObject),
            new StubTool("alpha", StubTool.AnyObject),
            new StubTool("Beta", StubTool.AnyObject));

        var names = catalog.Tools.Select(t => t.Name);

        Assert.Equal(["Beta", "alpha", "zeta"], names);
    }

    [Fact]
    public void Constructor_DuplicateToolNames_ThrowsArgumentException()
    {
        var tools = new[] { new StubTool("deploy", StubTool.AnyObject), new StubTool("deploy", DeploySchema) };

        var exception = Assert.Throws<ArgumentException>(() => new ToolCatalog(tools));

        Assert.Contains("'deploy'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"type": "object", "properties": {"a": {"minLength": "long"}}}""")]
    public void Constructor_InvalidSchema_ThrowsArgumentExceptionNamingTool(string schema)
    {
        var tool = new StubTool("broken", schema);

        var exception = Assert.Throws<ArgumentException>(() => new ToolCatalog(tool));

        Assert.Contains("'broken'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON Schema", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetTool_KnownAndUnknownNames_FindsOnlyExactName()
    {
        var catalog = DeployCatalog();

        var found = catalog.TryGetTool("deploy", out var tool);
        var foundOtherCase = catalog.TryGetTool("DEPLOY", out var missing);

        Assert.True(found);
        Assert.Equal("deploy", tool!.Name);
        Assert.False(foundOtherCase);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Constructor_TwoCatalogsWithSameToolName_KeepTheirOwnSchemas()
    {
        var strict = new ToolCatalog(new StubTool("deploy", DeploySchema, (_, _) => Task.FromResult("strict")));
        var loose = new ToolCatalog(new StubTool("deploy", StubTool.AnyObject, (_, _) => Task.FromResult("loose")));
        var plan = Plan(Step("s1", "deploy"));

        var strictErrors = strict.Validate(plan);
        var looseErrors = loose.Validate(plan);
        var looseOutput = await loose.ExecuteAsync(plan.Steps[0]);

        Assert.Equal(PlanValidationCodes.InvalidParameters, Assert.Single(strictErrors).Code);
        Assert.Empty(looseErrors);
        Assert.Equal("loose", looseOutput);
    }
}
