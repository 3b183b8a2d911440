using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>A version of a plan as reviewers saw it, kept so the next version can be shown as a change.</summary>
public sealed class PlanVersionSnapshot
{
    /// <summary>The version.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>What the plan achieved at that version.</summary>
    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>The steps at that version (statuses and results are not kept).</summary>
    [JsonPropertyName("steps")]
    public List<ExecutionStep> Steps { get; set; } = [];

    /// <summary>Takes a snapshot of a plan's reviewable content.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The snapshot.</returns>
    public static PlanVersionSnapshot Of(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Version = plan.Version,
            Description = plan.Description,
            Steps = plan.Steps.ConvertAll(step => new ExecutionStep
            {
                Id = step.Id,
                ToolName = step.ToolName,
                Description = step.Description,
                Input = step.Input,
                Parameters = (System.Text.Json.Nodes.JsonObject)step.Parameters.DeepClone(),
            }),
        };
    }
}
