using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Details;

/// <summary>Everything an <see cref="IPlanDetailStore"/> holds about one plan.</summary>
public sealed class PlanDetails
{
    /// <summary>Nothing saved.</summary>
    public static PlanDetails Empty => new();

    /// <summary>The saved versions, by version number.</summary>
    public Dictionary<int, ExecutionPlan> Versions { get; } = [];

    /// <summary>The latest run of each step, by step id.</summary>
    public Dictionary<string, StepRecord> Steps { get; } = new(StringComparer.Ordinal);
}
