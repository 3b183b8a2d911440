using System.Text;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;
using Microsoft.DurableTask.Converters;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

public sealed class PlanViewBudgetTests
{
    /// <summary>What Durable Functions accepts as a custom status: 16 KB of UTF-16 JSON text.</summary>
    private const int HostLimitUtf16Bytes = 16 * 1024;

    [Fact]
    public void Fit_SmallView_ReturnsTheSameInstance()
    {
        // Arrange
        var view = View("s1", "s2");

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.Same(view, fitted);
        Assert.False(fitted.Truncated);
    }

    [Fact]
    public void Fit_StepOutputOf100KB_FitsAndMarksTheStep()
    {
        // Arrange
        var view = View("s1", "s2");
        view.Steps[0].Output = new string('x', 100 * 1024);
        view.Steps[1].Output = "short";

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.True(PlanViewBudget.Size(fitted) <= PlanViewBudget.MaxBytes);
        Assert.True(fitted.Truncated);
        Assert.True(fitted.Steps[0].OutputTruncated);
        Assert.StartsWith("xxxx", fitted.Steps[0].Output, StringComparison.Ordinal);
        Assert.EndsWith("[truncated]", fitted.Steps[0].Output, StringComparison.Ordinal);
        Assert.False(fitted.Steps[1].OutputTruncated);
        Assert.Equal("short", fitted.Steps[1].Output);
        Assert.Same(view, fitted);
    }

    [Fact]
    public void Fit_StepOutputOf100KB_FitsTheHostCustomStatusLimit()
    {
        // Arrange
        var view = View("s1", "s2", "s3");
        foreach (var step in view.Steps)
        {
            step.Output = new string('x', 100 * 1024);
        }

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert: the Functions host fails an orchestration whose custom status is over 16 KB of UTF-16.
        var json = JsonDataConverter.Default.Serialize(fitted)!;
        Assert.True(Encoding.Unicode.GetByteCount(json) <= HostLimitUtf16Bytes, $"The status is {Encoding.Unicode.GetByteCount(json)} bytes of UTF-16.");
    }

    [Fact]
    public void Fit_NonAsciiOutput_StaysWithinBudgetAndKeepsValidText()
    {
        // Arrange
        var view = View("s1", "s2");
        view.Steps[0].Output = string.Concat(Enumerable.Repeat("Größe 東京 😀 ", 8_000));
        view.Steps[1].Error = string.Concat(Enumerable.Repeat("😀", 5_000));

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.True(PlanViewBudget.Size(fitted) <= PlanViewBudget.MaxBytes);
        var json = JsonDataConverter.Default.Serialize(fitted)!;
        Assert.True(Encoding.Unicode.GetByteCount(json) <= HostLimitUtf16Bytes, $"The status is {Encoding.Unicode.GetByteCount(json)} bytes of UTF-16.");
        Assert.True(fitted.Steps[0].OutputTruncated);
        Assert.True(IsWellFormed(fitted.Steps[0].Output!));
        Assert.True(IsWellFormed(fitted.Steps[1].Error!));
    }

    [Fact]
    public void Fit_ManyDecisions_KeepsTheNewest()
    {
        // Arrange
        var view = View("s1");
        view.Decisions = [.. Enumerable.Range(1, 300).Select(i => new PlanDecision
        {
            Kind = DecisionKind.Approve,
            Outcome = DecisionOutcome.Stale,
            Version = i,
            PlanVersion = 1,
            DecisionId = $"decision-{i}",
            Detail = $"The decision is for version {i}; the plan is at version 1.",
            At = OrchestrationContextFake.StartTime,
        })];

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.True(PlanViewBudget.Size(fitted) <= PlanViewBudget.MaxBytes);
        Assert.True(fitted.Truncated);
        Assert.Equal(["decision-296", "decision-297", "decision-298", "decision-299", "decision-300"], fitted.Decisions.Select(d => d.DecisionId));
    }

    [Fact]
    public void Fit_LongTexts_AreCutWhenOutputsAreNotEnough()
    {
        // Arrange
        var view = View("s1", "s2");
        view.Description = new string('d', 40_000);
        view.Steps[0].Description = new string('e', 40_000);

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.True(PlanViewBudget.Size(fitted) <= PlanViewBudget.MaxBytes);
        Assert.True(fitted.Truncated);
        Assert.EndsWith("[truncated]", fitted.Description, StringComparison.Ordinal);
        Assert.EndsWith("[truncated]", fitted.Steps[0].Description, StringComparison.Ordinal);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Fit_LongDecisionTexts_CutsCopiesAndLeavesTheWorkflowsRecordsWhole()
    {
        // Arrange: the view shares its decisions with the workflow, which keeps them for every later view.
        var view = View("s1");
        view.Steps[0].Output = new string('o', 40_000);
        view.Decisions = [.. Enumerable.Range(1, 40).Select(i => new PlanDecision { Kind = DecisionKind.Approve, Comment = new string('c', 2_000) })];
        var records = view.Decisions.ToList();

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        Assert.True(PlanViewBudget.IsCut(fitted.Decisions[^1].Comment));
        Assert.All(records, record => Assert.Equal(2_000, record.Comment!.Length));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(100)]
    public void Fit_ManyLongStepsWithHistory_FitsTheHostLimitAsAnOutlineOfEveryStep(int stepCount)
    {
        // Arrange: up to 100 steps (Plans:MaxSteps), each with long texts, parameters and a result.
        var view = View([.. Enumerable.Range(1, stepCount).Select(n => $"step-{n:D3}")]);
        foreach (var step in view.Steps)
        {
            step.Description = new string('d', 300);
            step.Input = new string('i', 300);
            step.Parameters["url"] = "https://ops.example.com/" + new string('p', 200);
            step.Status = StepStatus.Succeeded;
            step.Output = new string('o', 300);
        }

        view.Steps[^1].Status = StepStatus.Failed;
        view.Steps[^1].Error = "the target answered 500";
        view.Decisions = [.. Enumerable.Range(1, 20).Select(n => new PlanDecision { Kind = DecisionKind.Modify, Comment = new string('c', 300) })];
        view.Revisions = [.. Enumerable.Range(1, 20).Select(n => new PlanRevision { Version = n, Action = RevisionAction.Modified, Feedback = new string('f', 300) })];

        // Act
        var fitted = PlanViewBudget.Fit(view);

        // Assert
        var json = JsonDataConverter.Default.Serialize(fitted)!;
        Assert.True(Encoding.Unicode.GetByteCount(json) <= HostLimitUtf16Bytes, $"The status is {Encoding.Unicode.GetByteCount(json)} bytes of UTF-16.");
        Assert.True(fitted.Truncated);
        Assert.Empty(fitted.Steps);
        Assert.Equal(new string('s', stepCount - 1) + "f", fitted.Outline!.Progress);
        Assert.Equal("the target answered 500", fitted.Outline.Errors[stepCount - 1]);
        Assert.Equal(20, fitted.Revisions[^1].Version);
    }

    private static PlanView View(params string[] stepIds)
    {
        var plan = TestPlans.PlanOf(stepIds);
        plan.TaskId = OrchestrationContextFake.DefaultInstanceId;
        plan.Status = PlanStatus.Executing;
        plan.CreatedAt = OrchestrationContextFake.StartTime;
        plan.UpdatedAt = OrchestrationContextFake.StartTime;
        return PlanView.FromPlan(plan);
    }
}
