using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Graph;

public sealed class PlanGraphTests
{
    [Fact]
    public void Build_NoDependsOn_EachStepFollowsThePreviousOne()
    {
        // Act
        var (graph, errors) = PlanGraph.Build(TestPlans.PlanOf("a", "b", "c"));

        // Assert
        Assert.Empty(errors);
        Assert.Equal([[], [0], [1]], Enumerable.Range(0, 3).Select(i => graph.DependenciesOf(i).ToArray()));
        Assert.True(graph.DependsOnTransitively(2, 0));
    }

    [Fact]
    public void Build_EmptyDependsOnAndReferences_AreHonoured()
    {
        // Arrange: a diamond, a → b, a → c, b + c → d, where d depends on b and c only through its references.
        var plan = TestPlans.Plan(
            "diamond",
            Step("a", []),
            Step("b", ["a"]),
            Step("c", ["a"]),
            Step("d", null, new JsonObject { ["text"] = "{{steps.b.output}} and {{steps.c.output}}" }));

        // Act
        var (graph, errors) = PlanGraph.Build(plan);

        // Assert
        Assert.Empty(errors);
        Assert.Equal([1, 2], graph.DependenciesOf(3).Order());
        Assert.True(graph.DependsOnTransitively(3, 0));
        Assert.False(graph.DependsOnTransitively(1, 2));
    }

    [Fact]
    public void Build_UnknownAndSelfDependencies_NameTheStep()
    {
        // Arrange
        var plan = TestPlans.Plan("bad", Step("a", ["a"]), Step("b", ["nope"]));

        // Act
        var (_, errors) = PlanGraph.Build(plan);

        // Assert
        Assert.Equal(
            [(PlanValidationCodes.SelfDependency, "a"), (PlanValidationCodes.UnknownDependency, "b")],
            errors.Select(e => (e.Code, e.StepId!)));
    }

    [Fact]
    public void Build_Cycle_IsAnErrorShowingTheCircle()
    {
        // Arrange
        var plan = TestPlans.Plan("circle", Step("a", ["c"]), Step("b", ["a"]), Step("c", ["b"]));

        // Act
        var (_, errors) = PlanGraph.Build(plan);

        // Assert
        var error = Assert.Single(errors);
        Assert.Equal(PlanValidationCodes.DependencyCycle, error.Code);
        Assert.Contains("→", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LongChain_DoesNotOverflow()
    {
        // Arrange
        var plan = TestPlans.PlanOf([.. Enumerable.Range(0, 5000).Select(i => $"s{i}")]);

        // Act
        var (graph, errors) = PlanGraph.Build(plan);

        // Assert
        Assert.Empty(errors);
        Assert.True(graph.DependsOnTransitively(4999, 0));
    }

    private static ExecutionStep Step(string id, List<string>? dependsOn, JsonObject? parameters = null)
    {
        var step = TestPlans.Step(id, parameters: parameters);
        step.DependsOn = dependsOn;
        return step;
    }
}
