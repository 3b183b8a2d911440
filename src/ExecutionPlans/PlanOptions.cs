using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans;

/// <summary>Limits on plans, bound from the <c>Plans</c> configuration section.</summary>
public sealed class PlanOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Plans";

    /// <summary>The most steps a plan may have (default 100).</summary>
    [Range(1, 1000)]
    public int MaxSteps { get; set; } = 100;
}
