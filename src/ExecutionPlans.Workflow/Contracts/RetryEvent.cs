using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Retry"/>: runs a failed plan's failed and skipped steps again, as they are.</summary>
public sealed record RetryEvent : PlanDecisionEvent
{
    /// <summary>The approver's comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
