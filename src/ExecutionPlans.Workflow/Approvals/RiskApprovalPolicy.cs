using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>How plans and steps of one risk are approved (<c>Approvals:Policy:&lt;read|write|destructive&gt;</c>).</summary>
public sealed class RiskApprovalPolicy
{
    /// <summary>The most approvals a policy may ask for: a plan names at most 20 approvers.</summary>
    public const int MaxRequiredApprovals = 20;

    /// <summary>
    /// How many distinct approvers must approve a plan of this risk before it runs; 0: it runs without approval, recorded
    /// as approved by policy. Default 1.
    /// </summary>
    [JsonPropertyName("requiredApprovals")]
    public int RequiredApprovals { get; set; } = 1;

    /// <summary>Whether the requester's own approval counts; absent: <c>Approvals:AllowSelfApproval</c>.</summary>
    [JsonPropertyName("allowSelfApproval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowSelfApproval { get; set; }

    /// <summary>Whether each step of this risk waits at a checkpoint before it runs. Default false.</summary>
    [JsonPropertyName("checkpoint")]
    public bool Checkpoint { get; set; }

    /// <summary>Creates a copy.</summary>
    /// <returns>The copy.</returns>
    public RiskApprovalPolicy Clone() => (RiskApprovalPolicy)MemberwiseClone();
}
