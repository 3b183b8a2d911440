using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Planning;

/// <summary>How the plan generator asks the model, bound from the <c>Planner</c> configuration section.</summary>
public sealed class PlannerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Planner";

    /// <summary>The sampling temperature; <see langword="null"/> (the default) leaves it to the model.</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }

    /// <summary>The most tokens one answer may have; <see langword="null"/> (the default) leaves it to the model.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxOutputTokens { get; set; }
}
