using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Approved"/>: approves a version.</summary>
public sealed record ApprovedEvent : PlanDecisionEvent
{
    /// <summary>The approver's comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
