using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Plans;

/// <summary>The body of <c>POST /api/plans</c>: a request for the model to plan, or a plan as written.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class CreatePlanRequest
{
    /// <summary>What the user wants done; the model plans it.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; set; }

    /// <summary>A plan as written: <c>{description, steps[]}</c>.</summary>
    [JsonPropertyName("plan")]
    public ExecutionPlan? Plan { get; set; }

    /// <summary>Whether a person must approve the plan before it runs (default true).</summary>
    [JsonPropertyName("requireApproval")]
    public bool? RequireApproval { get; set; }

    /// <summary>How long the plan waits for a decision, as an ISO 8601 duration (<c>PT30M</c>) or a TimeSpan.</summary>
    [JsonPropertyName("approvalTimeout")]
    public string? ApprovalTimeout { get; set; }

    /// <summary>Who may decide on the plan.</summary>
    [JsonPropertyName("approvers")]
    public List<string>? Approvers { get; set; }

    /// <summary>
    /// The plan's own approval policy, by risk: <c>{"destructive": {"requiredApprovals": 2, "checkpoint": true}}</c>.
    /// Only tighter than the app's (<c>Approvals:Policy</c>): more approvals, a checkpoint, no self-approval.
    /// </summary>
    [JsonPropertyName("policy")]
    public Workflow.Approvals.ApprovalPolicyRequest? Policy { get; set; }
}
