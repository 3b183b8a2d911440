using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>
/// A request's own approval policy (<c>policy</c> in <c>POST /api/plans</c>): what it leaves out keeps the app's
/// setting, and what it names may only be tighter (more approvals, a checkpoint, no self-approval).
/// </summary>
public sealed class ApprovalPolicyRequest
{
    /// <summary>For plans whose steps only read.</summary>
    [JsonPropertyName("read")]
    public RiskPolicyRequest? Read { get; set; }

    /// <summary>For plans with a step that writes.</summary>
    [JsonPropertyName("write")]
    public RiskPolicyRequest? Write { get; set; }

    /// <summary>For plans with a destructive step.</summary>
    [JsonPropertyName("destructive")]
    public RiskPolicyRequest? Destructive { get; set; }

    /// <summary>What the request asks for a risk, if anything.</summary>
    /// <param name="risk">The risk.</param>
    /// <returns>The settings, or null.</returns>
    public RiskPolicyRequest? For(ToolRisk risk) => risk switch
    {
        ToolRisk.Read => Read,
        ToolRisk.Destructive => Destructive,
        _ => Write,
    };
}

/// <summary>What a request asks for one risk; each setting left out keeps the app's.</summary>
public sealed class RiskPolicyRequest
{
    /// <summary>How many distinct approvers must approve; at least the app's.</summary>
    [JsonPropertyName("requiredApprovals")]
    public int? RequiredApprovals { get; set; }

    /// <summary>Whether the requester's own approval counts; only <c>false</c> changes anything.</summary>
    [JsonPropertyName("allowSelfApproval")]
    public bool? AllowSelfApproval { get; set; }

    /// <summary>Whether each step of this risk waits at a checkpoint; only <c>true</c> changes anything.</summary>
    [JsonPropertyName("checkpoint")]
    public bool? Checkpoint { get; set; }
}
