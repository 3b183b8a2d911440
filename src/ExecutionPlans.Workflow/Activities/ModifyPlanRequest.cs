using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>The input of <see cref="ModifyPlanActivity"/>.</summary>
/// <param name="Plan">The current plan.</param>
/// <param name="Feedback">What the reviewer wants changed.</param>
public sealed record ModifyPlanRequest(
    [property: JsonPropertyName("plan")] ExecutionPlan Plan,
    [property: JsonPropertyName("feedback")] string Feedback);
