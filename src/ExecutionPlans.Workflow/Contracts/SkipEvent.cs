using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Skip"/>: skips the step waiting at its checkpoint that <see cref="PlanDecisionEvent.StepId"/> names.</summary>
public sealed record SkipEvent : PlanDecisionEvent
{
    /// <summary>Why, if given.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
