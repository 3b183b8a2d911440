using System.Text.Json;
using ExecutionPlans.Model;
using Microsoft.Extensions.AI;

namespace ExecutionPlans.UnitTests.Planning;

/// <summary>The tests of <see cref="ExecutionPlans.Planning.ExecutionPlanGenerator.ModifyExecutionPlanAsync"/>.</summary>
public partial class ExecutionPlanGeneratorTests
{
    [Fact]
    public async Task ModifyExecutionPlanAsync_Feedback_KeepsIdentityBumpsVersionAndRecordsFeedback()
    {
        var current = CurrentPlan();
        var before = JsonSerializer.Serialize(current, ExecutionPlanJson.Options);
        time.Advance(TimeSpan.FromHours(2));
        Answers(ValidPlan);

        var modified = await CreateGenerator().ModifyExecutionPlanAsync(current, "Greet her twice instead");

        Assert.Equal(("task-1", Start, 3, Start.AddHours(2), PlanStatus.Draft), (modified.TaskId, modified.CreatedAt, modified.Version, modified.UpdatedAt, modified.Status));
        Assert.False(modified.UserApproved);
        Assert.Equal([1, 2, 3], modified.Revisions.Select(r => r.Version));
        var revision = modified.Revisions[^1];
        Assert.Equal((RevisionAction.Modified, Start.AddHours(2), "Greet her twice instead"), (revision.Action, revision.At, revision.Feedback));
        Assert.Equal(StepStatus.Pending, Assert.Single(modified.Steps).Status);
        Assert.Equal(before, JsonSerializer.Serialize(current, ExecutionPlanJson.Options));
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_Prompt_HasCatalogCurrentPlanAndFeedbackButNoRunState()
    {
        var current = CurrentPlan();
        Answers(ValidPlan);

        await CreateGenerator().ModifyExecutionPlanAsync(current, "Greet her twice instead");

        var (messages, options) = calls[0];
        Assert.IsType<ChatResponseFormatJson>(options!.ResponseFormat);
        Assert.Equal(ChatRole.System, messages[0].Role);
        foreach (var tool in catalog.Tools)
        {
            Assert.Contains($"## {tool.Name}\n{tool.Description}\n", messages[0].Text, StringComparison.Ordinal);
        }

        var user = messages[1].Text;
        Assert.Contains("The original request:\nGreet Ada", user, StringComparison.Ordinal);
        Assert.Contains("(version 2)", user, StringComparison.Ordinal);
        Assert.Contains("\n  \"description\": \"Greet once\",\n  \"steps\": [", user, StringComparison.Ordinal);
        Assert.Contains("\"toolName\": \"repeat\"", user, StringComparison.Ordinal);
        Assert.Contains("\"count\": 1", user, StringComparison.Ordinal);
        Assert.Contains("The reviewer's feedback:\nGreet her twice instead", user, StringComparison.Ordinal);
        Assert.DoesNotContain("status", user, StringComparison.Ordinal);
        Assert.DoesNotContain("earlier output", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_InvalidAnswer_RepairsOnce()
    {
        Answers(UnknownToolPlan, ValidPlan);

        var modified = await CreateGenerator().ModifyExecutionPlanAsync(CurrentPlan(), "Greet her twice instead");

        Assert.Equal(3, modified.Version);
        Assert.Equal(2, calls.Count);
        Assert.Contains("launch_rocket", calls[1].Messages[3].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public async Task ModifyExecutionPlanAsync_BlankFeedback_ThrowsArgumentException(string feedback)
    {
        var generator = CreateGenerator();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => generator.ModifyExecutionPlanAsync(CurrentPlan(), feedback));

        chatClient.VerifyNoOtherCalls();
    }

    private static ExecutionPlan CurrentPlan() => new()
    {
        TaskId = "task-1",
        Description = "Greet once",
        Status = PlanStatus.PendingApproval,
        Version = 2,
        CreatedAt = Start,
        UpdatedAt = Start.AddMinutes(5),
        Revisions =
        [
            new PlanRevision { Version = 1, Action = RevisionAction.Generated, At = Start, Feedback = "Greet Ada" },
            new PlanRevision { Version = 2, Action = RevisionAction.Modified, At = Start.AddMinutes(5), Feedback = "Only once" },
        ],
        Steps =
        [
            new ExecutionStep
            {
                Id = "s1",
                ToolName = "repeat",
                Description = "Repeat the name",
                Input = "Ada, once",
                Parameters = new() { ["name"] = "Ada", ["count"] = 1 },
                Status = StepStatus.Succeeded,
                Output = "earlier output",
            },
        ],
    };
}
