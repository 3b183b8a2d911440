using System.Text.Json.Serialization;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Mcp;

/// <summary>What <c>wait_for_plan</c> answers: whether the plan ended, how, and each step's outcome.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Ended">Whether nothing more will happen to it (completed, failed or cancelled).</param>
/// <param name="Version">The version that ran, or awaits a decision.</param>
/// <param name="Error">Why it failed or was cancelled (a rejection's reason too).</param>
/// <param name="Steps">Each step's outcome.</param>
public sealed record PlanOutcome(
    [property: JsonPropertyName("planId")] string PlanId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ended")] bool Ended,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("steps")] IReadOnlyList<StepOutcome> Steps)
{
    /// <summary>The outcome of a plan as its view shows it.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The outcome.</returns>
    public static PlanOutcome Of(PlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.Id,
            view.Status.ToWireName(),
            view.Status.IsFinal(),
            view.Version,
            view.Error,
            [.. view.Steps.Select(step => new StepOutcome(step.Id, step.ToolName, step.Status.ToWireName(), step.Output, step.Error))]);
    }
}

/// <summary>One step's outcome.</summary>
/// <param name="Id">The step's id.</param>
/// <param name="ToolName">The tool it called.</param>
/// <param name="Status">Its status.</param>
/// <param name="Output">What the tool returned.</param>
/// <param name="Error">Why it failed or was skipped.</param>
public sealed record StepOutcome(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("toolName")] string ToolName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("error")] string? Error);
