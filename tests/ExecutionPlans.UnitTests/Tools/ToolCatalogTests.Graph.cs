using System.Text.Json.Nodes;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

public partial class ToolCatalogTests
{
    [Fact]
    public void Validate_WholeValueReferenceInATypedParameter_IsCheckedWhenTheStepRuns()
    {
        // Arrange: "retries" must be an integer; the reference is a string until it is filled in.
        var catalog = DeployCatalog();
        var plan = Plan(
            Step("s1", "notify"),
            Step("s2", "deploy", new JsonObject { ["service"] = "{{steps.s1.output.json.service}}", ["options"] = new JsonObject { ["retries"] = "{{steps.s1.output.json.retries}}" } }));

        // Act
        var errors = catalog.Validate(plan);

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_ReferenceToAStepThatIsNotADependency_NamesStepAndParameter()
    {
        // Arrange: s2 and s3 may start at once, so s3 cannot read s2's output.
        var catalog = DeployCatalog();
        var second = Step("s2", "notify");
        second.DependsOn = [];
        var third = Step("s3", "deploy", new JsonObject { ["service"] = "{{steps.s2.output}}" });
        third.DependsOn = ["s1"];
        var plan = Plan(Step("s1", "notify"), second, third);

        // Act
        var errors = catalog.Validate(plan);

        // Assert
        var error = Assert.Single(errors);
        Assert.Equal((PlanValidationCodes.InvalidReference, "s3", "/service"), (error.Code, error.StepId, error.Path));
        Assert.Contains("does not depend on", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{steps.nope.output}}", "not a step of this plan")]
    [InlineData("{{steps.s2.output}}", "own output")]
    [InlineData("{{steps.s2}}", "is not a reference")]
    public void Validate_BadReference_IsAnInvalidReference(string value, string expected)
    {
        // Arrange
        var catalog = DeployCatalog();
        var plan = Plan(Step("s1", "notify"), Step("s2", "notify", new JsonObject { ["text"] = value }));

        // Act
        var errors = catalog.Validate(plan);

        // Assert
        Assert.Contains(errors, e => e.Code == PlanValidationCodes.InvalidReference && e.StepId == "s2" && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DependencyCycle_IsRefused()
    {
        // Arrange
        var catalog = DeployCatalog();
        var first = Step("s1", "notify");
        first.DependsOn = ["s2"];
        var plan = Plan(first, Step("s2", "notify"));

        // Act
        var errors = catalog.Validate(plan);

        // Assert
        Assert.Contains(errors, e => e.Code == PlanValidationCodes.DependencyCycle);
    }

    [Fact]
    public async Task ExecuteAsync_ReferenceLeftUnresolved_FailsTheSchemaCheck()
    {
        // Arrange: at run time the filled-in value must satisfy the schema; an unresolved reference is a string.
        var catalog = DeployCatalog();
        var step = Step("s2", "deploy", new JsonObject { ["service"] = "web", ["options"] = new JsonObject { ["retries"] = "{{steps.s1.output}}" } });

        // Act
        var exception = await Assert.ThrowsAsync<PlanValidationException>(() => catalog.ExecuteAsync(step));

        // Assert
        Assert.Contains("/options/retries", exception.Message, StringComparison.Ordinal);
    }
}
