using System.Text.Json.Serialization;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Client;

/// <summary>
/// One decision that awaits an approver: a plan version to approve (<see cref="Kind"/> <c>plan</c>), or a step held at
/// its checkpoint to confirm (<c>step</c>).
/// </summary>
public sealed record PendingDecision
{
    /// <summary>What awaits the decision: <c>plan</c> or <c>step</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = PlanKind;

    /// <summary>The plan's id.</summary>
    [JsonPropertyName("planId")]
    public string PlanId { get; init; } = string.Empty;

    /// <summary>The step held at its checkpoint, for a <c>step</c> decision.</summary>
    [JsonPropertyName("stepId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; init; }

    /// <summary>What the plan achieves.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>The version decided on.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; }

    /// <summary>The version's hash: send it with the decision so it cannot apply to another version.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; init; }

    /// <summary>The risk of the plan, or of the step at its checkpoint.</summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; init; }

    /// <summary>The quorum, and who has approved so far.</summary>
    [JsonPropertyName("approvals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanApprovals? Approvals { get; init; }

    /// <summary>Who asked for the plan.</summary>
    [JsonPropertyName("requestedBy")]
    public string? RequestedBy { get; init; }

    /// <summary>When the wait ends: with no decision by then, the plan is cancelled.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The path of the decision's approve route (POST).</summary>
    [JsonPropertyName("approvePath")]
    public string ApprovePath { get; init; } = string.Empty;

    /// <summary>The <see cref="Kind"/> of a plan version awaiting approval.</summary>
    public const string PlanKind = "plan";

    /// <summary>The <see cref="Kind"/> of a step held at its checkpoint.</summary>
    public const string StepKind = "step";
}
