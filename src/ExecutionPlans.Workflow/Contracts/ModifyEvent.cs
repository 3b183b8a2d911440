using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The payload of <see cref="PlanEvents.Modify"/>: asks for a new version, from feedback or a replacement plan.</summary>
public sealed record ModifyEvent : PlanDecisionEvent
{
    /// <summary>What to change, for the model.</summary>
    [JsonPropertyName("feedback")]
    public string? Feedback { get; init; }

    /// <summary>A replacement plan, instead of feedback.</summary>
    [JsonPropertyName("plan")]
    public ExecutionPlan? Plan { get; init; }
}
