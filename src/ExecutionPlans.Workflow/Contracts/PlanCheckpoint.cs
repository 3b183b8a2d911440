using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// A step held at its checkpoint: it runs once its quorum of distinct approvers confirmed it with the parameters it
/// shows (<see cref="ExecutionStep.ResolvedParameters"/>), and it can be skipped or the plan rejected instead.
/// </summary>
public sealed class PlanCheckpoint
{
    /// <summary>The step's id.</summary>
    [JsonPropertyName("stepId")]
    public string StepId { get; set; } = string.Empty;

    /// <summary>The step's risk, which sets its quorum.</summary>
    [JsonPropertyName("risk")]
    public ToolRisk Risk { get; set; }

    /// <summary>How many distinct approvers must confirm the step (at least one), and who has.</summary>
    [JsonPropertyName("approvals")]
    public PlanApprovals Approvals { get; set; } = new();

    /// <summary>Whether the requester's own confirmation counts.</summary>
    [JsonPropertyName("allowSelfApproval")]
    public bool AllowSelfApproval { get; set; }

    /// <summary>When the checkpoint stops waiting: with no decision by then, the plan is cancelled.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Creates a copy.</summary>
    /// <returns>The copy.</returns>
    public PlanCheckpoint Clone() => new() { StepId = StepId, Risk = Risk, Approvals = Approvals.Clone(), AllowSelfApproval = AllowSelfApproval, ExpiresAt = ExpiresAt };
}
