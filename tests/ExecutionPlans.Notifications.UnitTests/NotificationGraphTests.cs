using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class NotificationGraphTests
{
    [Fact]
    public void RunsAfter_Diamond_ShowsEachStepsEffectiveDependencies()
    {
        var graph = NotificationGraph.Of(TestNotifications.Diamond().Steps);

        var runsAfter = Enumerable.Range(0, 4).Select(graph.RunsAfter);

        Assert.Equal([NotificationGraph.NoDependencies, "a", "a", "b, c"], runsAfter);
    }

    [Fact]
    public void RunsAfter_NoDependsOn_IsThePreviousStepAndTheReferencedStepsInPlanOrder()
    {
        var graph = NotificationGraph.Of(
        [
            Step("x"),
            Step("y"),
            Step("z", parameters: new JsonObject { ["text"] = "{{steps.x.output}}" }),
        ]);

        Assert.Equal([NotificationGraph.NoDependencies, "x", "x, y"], Enumerable.Range(0, 3).Select(graph.RunsAfter));
    }

    [Fact]
    public void RunsAfter_EmptyDependsOnOnALaterStep_MayStartAtOnce()
    {
        var graph = NotificationGraph.Of([Step("x"), Step("y", dependsOn: [])]);

        Assert.Equal("none (may start at once)", graph.RunsAfter(1));
    }

    [Fact]
    public void RunsAfter_UnknownDependency_IsLeftOut()
    {
        var graph = NotificationGraph.Of([Step("x"), Step("y", dependsOn: ["x", "gone"])]);

        Assert.Equal("x", graph.RunsAfter(1));
    }

    [Fact]
    public void Sources_ParameterWithTwoReferences_ListsBothInOneLine()
    {
        var graph = NotificationGraph.Of(
        [
            Step("x"),
            Step("y"),
            Step("z", parameters: new JsonObject { ["note"] = "{{steps.x.output.json.items[0].name}} and {{steps.y.output}}", ["plain"] = "text" }),
        ]);

        var sources = graph.Sources(2, withValues: false, maxValueChars: 100);

        Assert.Equal(["note ← x.output.json.items[0].name, y.output"], sources);
    }

    [Fact]
    public void Sources_FollowUp_AddsTheValueEachStepReceived()
    {
        var graph = NotificationGraph.Of(TestNotifications.Diamond(NotificationKind.Completed).Steps);

        var sources = graph.Sources(3, withValues: true, maxValueChars: 100);

        Assert.Equal(["pod ← b.output.json.pod = api-1", "note ← c.output = health was ok"], sources);
    }

    [Fact]
    public void Sources_WithValuesButNothingResolved_ShowsTheSourcesOnly()
    {
        var graph = NotificationGraph.Of(TestNotifications.Diamond().Steps);

        var sources = graph.Sources(1, withValues: true, maxValueChars: 100);

        Assert.Equal(["body ← a.output.json.items[0].name"], sources);
    }

    private static NotificationStep Step(string id, List<string>? dependsOn = null, JsonObject? parameters = null) =>
        new() { Id = id, ToolName = TestPlans.Tool, DependsOn = dependsOn, Parameters = parameters ?? [] };
}
