using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

public class ToolCatalogSmokeTests
{
    [Fact]
    public async Task ExecuteAsync_MethodTool_ReceivesParameters()
    {
        var tool = PlanTool.Create((string name, int count) => $"{name}x{count}", "repeat", "Repeats a name.");
        var catalog = new ToolCatalog(tool);
        var step = new ExecutionStep { Id = "s1", ToolName = "repeat", Parameters = new JsonObject { ["name"] = "a", ["count"] = 3 } };

        var output = await catalog.ExecuteAsync(step);

        Assert.Equal("ax3", output);
    }

    [Fact]
    public void Validate_MissingAndMistypedParameters_ReportsBoth()
    {
        var tool = PlanTool.Create((string name, int count) => $"{name}x{count}", "repeat", "Repeats a name.");
        var catalog = new ToolCatalog(tool);
        var plan = new ExecutionPlan
        {
            Steps = [new ExecutionStep { Id = "s1", ToolName = "repeat", Parameters = new JsonObject { ["count"] = "three" } }],
        };

        var errors = catalog.Validate(plan);

        Assert.Contains(errors, e => e.Code == PlanValidationCodes.InvalidParameters && e.Message.Contains("name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == PlanValidationCodes.InvalidParameters && e.Path == "/count");
    }
}
