using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Rejected"/>: rejects the plan; it ends cancelled.</summary>
public sealed record RejectedEvent : PlanDecisionEvent
{
    /// <summary>Why.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
