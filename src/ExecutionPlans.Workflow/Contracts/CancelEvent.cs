using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Cancel"/>: stops the plan at any phase, whatever version it names.</summary>
public sealed record CancelEvent : PlanDecisionEvent
{
    /// <summary>Why.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
