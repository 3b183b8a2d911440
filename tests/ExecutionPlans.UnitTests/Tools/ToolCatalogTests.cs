using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.UnitTests.Tools;

public class ToolCatalogTests
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
    public void Validate_ValidPlan_ReturnsNoErrors()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "deploy", DeployParameters()), Step("s2", "notify"));

        var errors = catalog.Validate(plan);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_NoSteps_ReturnsOnlyEmptyPlan()
    {
        var catalog = DeployCatalog();

        var errors = catalog.Validate(Plan());

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.EmptyPlan, error.Code);
        Assert.Null(error.StepId);
    }

    [Fact]
    public void Validate_MoreStepsThanConfigured_ReturnsTooManySteps()
    {
        var catalog = new ToolCatalog([new StubTool("notify", StubTool.AnyObject)], Options.Create(new PlanOptions { MaxSteps = 2 }));
        var plan = Plan(Step("s1", "notify"), Step("s2", "notify"), Step("s3", "notify"));

        var errors = catalog.Validate(plan);

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.TooManySteps, error.Code);
        Assert.Contains("3 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StepsAtConfiguredLimit_ReturnsNoErrors()
    {
        var catalog = new ToolCatalog([new StubTool("notify", StubTool.AnyObject)], Options.Create(new PlanOptions { MaxSteps = 2 }));
        var plan = Plan(Step("s1", "notify"), Step("s2", "notify"));

        var errors = catalog.Validate(plan);

        Assert.Empty(errors);
        Assert.Equal(2, catalog.MaxSteps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_StepWithoutId_ReturnsMissingStepIdWithPosition(string id)
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "notify"), Step(id, "notify"));

        var errors = catalog.Validate(plan);

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.MissingStepId, error.Code);
        Assert.Contains("Step 2", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StepId);
    }

    [Fact]
    public void Validate_DuplicateIds_ReturnsDuplicateStepIdOnce()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "notify"), Step("s1", "notify"), Step("s2", "notify"));

        var errors = catalog.Validate(plan);

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.DuplicateStepId, error.Code);
        Assert.Equal("s1", error.StepId);
    }

    [Fact]
    public void Validate_StepWithoutTool_ReturnsMissingToolListingAvailableTools()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", " "));

        var errors = catalog.Validate(plan);

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.MissingTool, error.Code);
        Assert.Equal("s1", error.StepId);
        Assert.Contains("Available tools: deploy, notify.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTool_ReturnsUnknownToolListingAvailableTools()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "launch_rocket"));

        var errors = catalog.Validate(plan);

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.UnknownTool, error.Code);
        Assert.Equal("s1", error.StepId);
        Assert.Contains("'launch_rocket'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Available tools: deploy, notify.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownToolInEmptyCatalog_SaysCatalogHasNoTools()
    {
        var catalog = new ToolCatalog();

        var errors = catalog.Validate(Plan(Step("s1", "deploy")));

        Assert.Contains("The catalog has no tools.", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ToolNameInOtherCase_ReturnsUnknownTool()
    {
        var catalog = DeployCatalog();

        var errors = catalog.Validate(Plan(Step("s1", "Deploy", DeployParameters())));

        Assert.Equal(PlanValidationCodes.UnknownTool, Assert.Single(errors).Code);
    }

    [Fact]
    public void Validate_MissingRequiredParameter_ReturnsInvalidParametersNamingIt()
    {
        var catalog = DeployCatalog();

        var errors = catalog.Validate(Plan(Step("s1", "deploy")));

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.InvalidParameters, error.Code);
        Assert.Equal("s1", error.StepId);
        Assert.Contains("service", error.Message, StringComparison.Ordinal);
        Assert.Contains("'deploy'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MistypedParameter_ReturnsInvalidParametersWithPath()
    {
        var catalog = DeployCatalog();

        var errors = catalog.Validate(Plan(Step("s1", "deploy", new JsonObject { ["service"] = 42 })));

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.InvalidParameters, error.Code);
        Assert.Equal("/service", error.Path);
        Assert.Contains("'type'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MistypedNestedParameter_ReturnsNestedPath()
    {
        var catalog = DeployCatalog();
        var parameters = new JsonObject { ["service"] = "web", ["options"] = new JsonObject { ["retries"] = "three" } };

        var errors = catalog.Validate(Plan(Step("s1", "deploy", parameters)));

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.InvalidParameters, error.Code);
        Assert.Equal("/options/retries", error.Path);
    }

    [Fact]
    public void Validate_UnexpectedParameter_SaysItIsNotAllowed()
    {
        var catalog = DeployCatalog();
        var parameters = new JsonObject { ["service"] = "web", ["region"] = "eu" };

        var errors = catalog.Validate(Plan(Step("s1", "deploy", parameters)));

        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.InvalidParameters, error.Code);
        Assert.Equal("/region", error.Path);
        Assert.Equal("The parameter '/region' is not allowed by the schema of tool 'deploy'.", error.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "deploy"), Step("s1", "nope"), Step("", "notify"));

        var errors = catalog.Validate(plan);

        Assert.Equal(
            [PlanValidationCodes.InvalidParameters, PlanValidationCodes.DuplicateStepId, PlanValidationCodes.UnknownTool, PlanValidationCodes.MissingStepId],
            errors.Select(e => e.Code));
    }

    [Fact]
    public void EnsureValid_InvalidPlan_ThrowsWithEveryError()
    {
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "deploy"), Step("s2", "nope"));

        var exception = Assert.Throws<PlanValidationException>(() => catalog.EnsureValid(plan));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("Step 's2'", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ExecutionPlanException>(exception);
    }

    [Fact]
    public void EnsureValid_ValidPlan_DoesNotThrow()
    {
        var catalog = DeployCatalog();

        var exception = Record.Exception(() => catalog.EnsureValid(Plan(Step("s1", "deploy", DeployParameters()))));

        Assert.Null(exception);
    }

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
    public async Task ExecuteAsync_MethodTool_ReceivesTypedParameters()
    {
        var tool = PlanTool.Create(
            (string name, int count, bool loud, string[] tags, Dictionary<string, int> limits) =>
                $"{(loud ? name.ToUpperInvariant() : name)}x{count} [{string.Join('|', tags)}] cpu={limits["cpu"]}",
            "describe",
            "Describes a thing.");
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "describe", new JsonObject
        {
            ["name"] = "web",
            ["count"] = 3,
            ["loud"] = true,
            ["tags"] = new JsonArray("a", "b"),
            ["limits"] = new JsonObject { ["cpu"] = 2 },
        });

        var output = await catalog.ExecuteAsync(step);

        Assert.Equal("WEBx3 [a|b] cpu=2", output);
    }

    [Fact]
    public async Task ExecuteAsync_MethodToolWithRecordParameter_ReceivesObject()
    {
        var tool = PlanTool.Create((Target target) => $"{target.Host}:{target.Port}", "connect", "Connects.");
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "connect", new JsonObject { ["target"] = new JsonObject { ["host"] = "db", ["port"] = 5432 } });

        var output = await catalog.ExecuteAsync(step);

        Assert.Equal("db:5432", output);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTool_ThrowsToolNotFoundListingTools()
    {
        var catalog = DeployCatalog();

        var exception = await Assert.ThrowsAsync<ToolNotFoundException>(() => catalog.ExecuteAsync(Step("s9", "nope")));

        Assert.Contains("'s9'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Available tools: deploy, notify.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidParameters_ThrowsWithoutRunningTool()
    {
        var calls = 0;
        var tool = new StubTool("deploy", DeploySchema, (_, _) => Task.FromResult($"{++calls}"));
        var catalog = new ToolCatalog(tool);

        var exception = await Assert.ThrowsAsync<PlanValidationException>(() => catalog.ExecuteAsync(Step("s1", "deploy")));

        Assert.Equal(PlanValidationCodes.InvalidParameters, Assert.Single(exception.Errors).Code);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ExecuteAsync_ToolThrows_PropagatesSameException()
    {
        var failure = new InvalidOperationException("disk full");
        var catalog = new ToolCatalog(new StubTool("notify", StubTool.AnyObject, (_, _) => throw failure));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.ExecuteAsync(Step("s1", "notify")));

        Assert.Same(failure, exception);
    }

    [Fact]
    public async Task ExecuteAsync_MethodToolThrows_PropagatesUnwrappedException()
    {
        var tool = PlanTool.Create(string (string name) => throw new InvalidOperationException($"no {name}"), "fail", "Fails.");
        var catalog = new ToolCatalog(tool);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => catalog.ExecuteAsync(Step("s1", "fail", new JsonObject { ["name"] = "x" })));

        Assert.Equal("no x", exception.Message);
    }

    [Fact]
    public async Task ExecuteAsync_ToolMutatesParameters_StepKeepsItsParameters()
    {
        var tool = new StubTool("deploy", DeploySchema, (parameters, _) =>
        {
            parameters["service"] = "changed";
            parameters["extra"] = 1;
            return Task.FromResult("ok");
        });
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "deploy", DeployParameters());

        await catalog.ExecuteAsync(step);

        Assert.Equal("""{"service":"web"}""", step.Parameters.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_CancellationToken_ReachesTool()
    {
        using var source = new CancellationTokenSource();
        var received = CancellationToken.None;
        var catalog = new ToolCatalog(new StubTool("notify", StubTool.AnyObject, (_, token) =>
        {
            received = token;
            return Task.FromResult("ok");
        }));

        await catalog.ExecuteAsync(Step("s1", "notify"), source.Token);

        Assert.Equal(source.Token, received);
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

    internal sealed record Target(string Host, int Port);
}
