using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

/// <summary>The sizes and shapes a plan may not exceed (<see cref="PlanLimits"/>), and the tools' own checks.</summary>
public partial class ToolCatalogTests
{
    [Fact]
    public void Validate_NullStep_SaysWhichOneWithoutThrowing()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "notify"));
        plan.Steps.Add(null!);

        var error = Assert.Single(catalog.Validate(plan));

        Assert.Equal((PlanValidationCodes.NullStep, "Step 2 is null; each step is an object with an id, a tool name and parameters."), (error.Code, error.Message));
    }

    [Fact]
    public void Validate_NullsFromJson_ReadAsEmptyTextsAndNoSteps()
    {
        var plan = JsonSerializer.Deserialize<ExecutionPlan>("""{"description": null, "steps": null}""", ExecutionPlanJson.Options)!;
        var step = JsonSerializer.Deserialize<ExecutionStep>("""{"id": null, "toolName": null, "description": null, "input": null, "parameters": null}""", ExecutionPlanJson.Options)!;

        Assert.Equal((string.Empty, 0), (plan.Description, plan.Steps.Count));
        Assert.Equal((string.Empty, string.Empty, string.Empty, string.Empty, 0), (step.Id, step.ToolName, step.Description, step.Input, step.Parameters.Count));
        Assert.Equal(PlanValidationCodes.EmptyPlan, Assert.Single(DeployCatalog().Validate(plan)).Code);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("über")]
    [InlineData("a/b")]
    [InlineData("{{steps}}")]
    public void Validate_StepIdWithOtherCharacters_ReturnsInvalidStepId(string id)
    {
        var error = Assert.Single(DeployCatalog().Validate(Plan(Step(id, "notify"))));

        Assert.Equal(PlanValidationCodes.InvalidStepId, error.Code);
        Assert.Contains("A-Z, a-z, 0-9, '_', '-' and '.'", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StepId);
    }

    [Fact]
    public void Validate_StepIdAtAndOverTheLimit_AcceptsTheLimitOnly()
    {
        var atLimit = new string('a', PlanLimits.MaxStepIdChars);
        var over = new string('b', 700);

        var accepted = DeployCatalog().Validate(Plan(Step(atLimit, "notify")));
        var refused = Assert.Single(DeployCatalog().Validate(Plan(Step(over, "notify"))));

        Assert.Empty(accepted);
        Assert.Equal(PlanValidationCodes.InvalidStepId, refused.Code);
        Assert.Contains("(it has 700 characters)", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Length < 300, "The message quotes a long id cut short.");
    }

    [Fact]
    public void Validate_TextsOverTheirLimits_ReturnsTooLongForEach()
    {
        var step = Step("s1", "notify");
        step.Description = new string('d', PlanLimits.MaxStepDescriptionChars + 1);
        step.Input = new string('i', PlanLimits.MaxStepInputChars + 1);
        var plan = Plan(step);
        plan.Description = new string('p', PlanLimits.MaxDescriptionChars + 1);

        var errors = DeployCatalog().Validate(plan);

        Assert.Equal([PlanValidationCodes.TooLong, PlanValidationCodes.TooLong, PlanValidationCodes.TooLong], errors.Select(e => e.Code));
        Assert.Contains($"at most {PlanLimits.MaxDescriptionChars}", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal([null, "s1", "s1"], errors.Select(e => e.StepId));
    }

    [Fact]
    public void Validate_ParametersOverTheLimit_ReturnsTooLong()
    {
        var error = Assert.Single(DeployCatalog().Validate(Plan(Step("s1", "notify", new JsonObject { ["text"] = new string('x', PlanLimits.MaxParametersChars) }))));

        Assert.Equal((PlanValidationCodes.TooLong, "s1"), (error.Code, error.StepId));
    }

    [Theory]
    [InlineData("""{"text": "\ud800"}""", "/text")]
    [InlineData("""{"headers": {"X": "a\udc00b"}}""", "/headers/X")]
    [InlineData("""{"list": ["ok", "\ud83d"]}""", "/list/1")]
    public void Validate_ParameterWithALoneSurrogate_ReturnsInvalidTextWithItsPointer(string parameters, string path)
    {
        var step = Step("s1", "notify", JsonNode.Parse(parameters)!.AsObject());

        var error = Assert.Single(DeployCatalog().Validate(Plan(step)));

        Assert.Equal((PlanValidationCodes.InvalidText, "s1", path), (error.Code, error.StepId, error.Path));
    }

    [Fact]
    public void Validate_SurrogatePairs_AreText()
    {
        var step = Step("s1", "notify", JsonNode.Parse("""{"text": "\ud83d\ude80 launch"}""")!.AsObject());

        Assert.Empty(DeployCatalog().Validate(Plan(step)));
    }

    [Fact]
    public void Validate_ToolRefusesTheParameters_ReturnsToolRefusedWithTheReferencedValuesNull()
    {
        var seen = new List<JsonObject>();
        var catalog = new ToolCatalog(new StubTool("notify", StubTool.AnyObject), new CheckingTool(seen));
        var plan = Plan(
            Step("s1", "notify"),
            Step("s2", "checked", new JsonObject { ["target"] = "forbidden", ["from"] = "{{steps.s1.output}}" }));

        var error = Assert.Single(catalog.Validate(plan));

        Assert.Equal((PlanValidationCodes.ToolRefused, "s2", "The target 'forbidden' is not allowed."), (error.Code, error.StepId, error.Message));
        Assert.Equal("""{"target":"forbidden","from":null}""", Assert.Single(seen).ToJsonString());
    }

    /// <summary>A tool that refuses one target, and records what it was asked to check.</summary>
    private sealed class CheckingTool(List<JsonObject> seen) : PlanTool
    {
        public override string Name => "checked";

        public override string Description => "A tool with a precondition.";

        public override JsonElement ParametersSchema { get; } = JsonDocument.Parse(StubTool.AnyObject).RootElement.Clone();

        public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) => Task.FromResult("ok");

        public override IEnumerable<string> Validate(JsonObject parameters)
        {
            seen.Add(parameters);
            if ((string?)parameters["target"] == "forbidden")
            {
                yield return "The target 'forbidden' is not allowed.";
            }
        }
    }
}
