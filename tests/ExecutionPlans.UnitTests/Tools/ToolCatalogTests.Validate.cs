using System.Text.Json.Nodes;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.UnitTests.Tools;

public partial class ToolCatalogTests
{
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
}
