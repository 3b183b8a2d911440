using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans;

/// <summary>How plans run, bound from the <c>Execution</c> configuration section.</summary>
public sealed class ExecutionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Execution";

    /// <summary>The default for <see cref="MaxParallelSteps"/>.</summary>
    public const int DefaultMaxParallelSteps = 8;

    /// <summary>The most steps of one plan that run at once (default 8); ready steps beyond that wait for a slot.</summary>
    [Range(1, 100)]
    public int MaxParallelSteps { get; set; } = DefaultMaxParallelSteps;
}
