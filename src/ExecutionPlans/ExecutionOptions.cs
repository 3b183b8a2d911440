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

    /// <summary>The default for <see cref="RecoveryWindow"/>: a day.</summary>
    public static readonly TimeSpan DefaultRecoveryWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a failed plan stays recoverable: its approvers may run the failed steps again or change the plan
    /// (default a day, at most 30 days); zero makes a failure final at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Execution:RecoveryWindow must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan RecoveryWindow { get; set; } = DefaultRecoveryWindow;
}
