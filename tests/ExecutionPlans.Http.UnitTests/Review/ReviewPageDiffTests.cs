using System.Text.Json.Nodes;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.UnitTests.Review;

public sealed class ReviewPageDiffTests
{
    [Fact]
    public void Compare_SameSteps_HasNoChanges()
    {
        var previous = Snapshot("Restart", Step("s1"), Step("s2"));

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("s1"), Step("s2")]);

        Assert.False(diff.HasChanges);
        Assert.Equal(1, diff.FromVersion);
    }

    [Fact]
    public void Compare_StepAdded_ReportsItAtItsPosition()
    {
        var previous = Snapshot("Restart", Step("s1"));

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("s1"), Step("s2")]);

        var change = Assert.Single(diff.Steps);
        Assert.Equal(ReviewPageChangeKind.Added, change.Kind);
        Assert.Equal("s2", change.StepId);
        Assert.Equal(2, change.NewPosition);
        Assert.Null(change.OldPosition);
    }

    [Fact]
    public void Compare_StepRemoved_ReportsItWithoutMovingTheRest()
    {
        var previous = Snapshot("Restart", Step("s1"), Step("s2"), Step("s3"));

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("s2"), Step("s3")]);

        var change = Assert.Single(diff.Steps);
        Assert.Equal(ReviewPageChangeKind.Removed, change.Kind);
        Assert.Equal("s1", change.StepId);
        Assert.Equal(1, change.OldPosition);
    }

    [Fact]
    public void Compare_FieldsAndParametersChanged_ListsEachWithBeforeAndAfter()
    {
        var previous = Snapshot("Restart", Step("s1", new JsonObject { ["url"] = "https://a.example.com", ["method"] = "GET", ["retries"] = 1 }));
        var current = Step("s1", new JsonObject { ["url"] = "https://b.example.com", ["retries"] = 1, ["body"] = new JsonObject { ["force"] = true } });
        current.ToolName = "other_tool";
        current.Description = "Changed description";
        current.Input = "changed input";

        var diff = ReviewPageDiff.Compare(previous, "Restart", [current]);

        var change = Assert.Single(diff.Steps);
        Assert.Equal(ReviewPageChangeKind.Changed, change.Kind);
        Assert.False(change.Moved);
        Assert.Equal(
            [
                new ReviewPageFieldChange("tool", "http_request", "other_tool"),
                new ReviewPageFieldChange("description", "Run s1", "Changed description"),
                new ReviewPageFieldChange("input", "input of s1", "changed input"),
                new ReviewPageFieldChange("parameters.url", "https://a.example.com", "https://b.example.com"),
                new ReviewPageFieldChange("parameters.method", "GET", null),
                new ReviewPageFieldChange("parameters.body", null, "{\"force\":true}"),
            ],
            change.Fields);
    }

    [Fact]
    public void Compare_DependenciesChanged_ListsThemInWords()
    {
        var before = Step("s2");
        before.DependsOn = ["s1"];
        var previous = Snapshot("Restart", Step("s1"), before);
        var parallel = Step("s2");
        parallel.DependsOn = [];

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("s1"), parallel]);

        var change = Assert.Single(diff.Steps);
        Assert.Equal([new ReviewPageFieldChange("dependsOn", "s1", "none")], change.Fields);
    }

    [Fact]
    public void Compare_StepsReordered_ReportsOnlyTheStepThatMoved()
    {
        var previous = Snapshot("Restart", Step("s1"), Step("s2"), Step("s3"), Step("s4"));

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("s1"), Step("s3"), Step("s4"), Step("s2")]);

        var change = Assert.Single(diff.Steps);
        Assert.Equal(ReviewPageChangeKind.Changed, change.Kind);
        Assert.Equal("s2", change.StepId);
        Assert.True(change.Moved);
        Assert.Empty(change.Fields);
        Assert.Equal(2, change.OldPosition);
        Assert.Equal(4, change.NewPosition);
    }

    [Fact]
    public void Compare_DescriptionChanged_ReportsIt()
    {
        var previous = Snapshot("Restart the API", Step("s1"));

        var diff = ReviewPageDiff.Compare(previous, "Restart the API and the worker", [Step("s1")]);

        Assert.True(diff.HasChanges);
        Assert.Equal(new ReviewPageFieldChange("description", "Restart the API", "Restart the API and the worker"), diff.Description);
        Assert.Empty(diff.Steps);
    }

    [Fact]
    public void Compare_AddedRemovedAndChanged_ListsCurrentStepsInOrderThenRemovedOnes()
    {
        var previous = Snapshot("Restart", Step("a"), Step("b"), Step("c"));
        var changed = Step("c");
        changed.Input = "new input";

        var diff = ReviewPageDiff.Compare(previous, "Restart", [Step("new"), changed, Step("a")]);

        Assert.Equal(
            [("new", ReviewPageChangeKind.Added), ("c", ReviewPageChangeKind.Changed), ("a", ReviewPageChangeKind.Changed), ("b", ReviewPageChangeKind.Removed)],
            diff.Steps.Select(s => (s.StepId, s.Kind)));
        Assert.False(diff.Steps[1].Moved);
        Assert.True(diff.Steps[2].Moved);
        Assert.Empty(diff.Steps[2].Fields);
    }

    [Fact]
    public void ValueText_StringsAsTheyAreAndOtherValuesAsJson()
    {
        Assert.Equal("<b>&\"", ReviewPageDiff.ValueText(JsonValue.Create("<b>&\"")));
        Assert.Equal("42", ReviewPageDiff.ValueText(JsonValue.Create(42)));
        Assert.Equal("{\"a\":\"<x>\"}", ReviewPageDiff.ValueText(new JsonObject { ["a"] = "<x>" }));
        Assert.Equal("null", ReviewPageDiff.ValueText(null));
    }

    private static ExecutionStep Step(string id, JsonObject? parameters = null) => TestPlans.HttpStep(id, $"Run {id}", parameters);

    private static PlanVersionSnapshot Snapshot(string description, params ExecutionStep[] steps) =>
        new() { Version = 1, Description = description, Steps = [.. steps] };
}
