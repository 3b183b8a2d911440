using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Testing;

/// <summary>Checks that hold for every plan view, whatever the engine.</summary>
public static class PlanAssert
{
    /// <summary>The view agrees with itself: times, version, revisions, decisions and step statuses for its plan status.</summary>
    public static void Consistent(PlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        Assert.False(string.IsNullOrEmpty(view.Id));
        Assert.True(view.UpdatedAt >= view.CreatedAt, $"updatedAt {view.UpdatedAt:O} is before createdAt {view.CreatedAt:O}.");
        Assert.True(view.Version >= 1, $"version {view.Version}");
        Assert.NotEmpty(view.Revisions);
        Assert.Equal(view.Version, view.Revisions[^1].Version);
        Assert.All(view.Decisions, decision =>
        {
            Assert.InRange(decision.PlanVersion, 1, view.Version);
            Assert.InRange(decision.At, view.CreatedAt, view.UpdatedAt);
        });

        var statuses = view.Steps.Select(step => step.Status).ToList();
        switch (view.Status)
        {
            case PlanStatus.Completed:
                Assert.All(statuses, status => Assert.Equal(StepStatus.Succeeded, status));
                Assert.True(view.UserApproved || !view.RequireApproval, "A completed plan that needed approval is not marked approved.");
                Assert.Null(view.Error);
                break;
            case PlanStatus.Failed:
                // Branches that ran beside the failed step keep their results; nothing is left pending or running.
                Assert.DoesNotContain(StepStatus.Pending, statuses);
                Assert.DoesNotContain(StepStatus.Running, statuses);
                Assert.False(string.IsNullOrWhiteSpace(view.Error));
                break;
            case PlanStatus.Cancelled:
                Assert.DoesNotContain(StepStatus.Pending, statuses);
                Assert.DoesNotContain(StepStatus.Running, statuses);
                Assert.False(string.IsNullOrWhiteSpace(view.Error));
                break;
            case PlanStatus.PendingApproval or PlanStatus.Draft or PlanStatus.Approved:
                Assert.All(statuses, status => Assert.Equal(StepStatus.Pending, status));
                break;
            case PlanStatus.Executing or PlanStatus.Cancelling:
                Assert.All(view.Steps.Where(step => step.Status is StepStatus.Running or StepStatus.Succeeded), step => Assert.NotNull(step.ResolvedParameters));
                break;
        }
    }

    /// <summary>The decisions' kinds and outcomes, in order, as <c>kind/outcome</c>.</summary>
    public static string[] Decisions(PlanView view) =>
        [.. view.Decisions.Select(decision => $"{decision.Kind.ToString().ToLowerInvariant()}/{decision.Outcome.ToString().ToLowerInvariant()}")];

    /// <summary>The step statuses, in order, as <c>id:status</c>.</summary>
    public static string[] Steps(PlanView view) =>
        [.. view.Steps.Select(step => $"{step.Id}:{step.Status.ToWireName()}")];
}
