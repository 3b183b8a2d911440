using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Workflow;

/// <summary>Settings of the plan workflow, bound from the <c>Workflow</c> configuration section.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Workflow";

    /// <summary>The default for <see cref="MaxModifyRounds"/>.</summary>
    public const int DefaultMaxModifyRounds = 20;

    /// <summary>The most modifications one plan accepts (default 20); more are refused and recorded.</summary>
    [Range(0, 100)]
    public int MaxModifyRounds { get; set; } = DefaultMaxModifyRounds;

    /// <summary>The most characters of a step's output kept in the plan (default 8,192); the rest is cut and marked.</summary>
    [Range(256, 1_000_000)]
    public int MaxStepOutputChars { get; set; } = 8192;

    /// <summary>
    /// The blob container that keeps plan details (each version's steps, each step's whole result) when the app runs
    /// on Azure Storage (default <c>plan-details</c>).
    /// </summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Workflow:DetailsContainer must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens.")]
    public string DetailsContainer { get; set; } = "plan-details";

    /// <summary>The largest request body the HTTP API accepts, in bytes (default 256 KB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
