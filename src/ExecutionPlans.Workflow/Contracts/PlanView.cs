using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// What clients see of a plan: the plan, its decisions and its approval settings. The workflow keeps it
/// as the orchestration's custom status, updated at every transition and after every step.
/// </summary>
public sealed class PlanView
{
    /// <summary>The plan's id (the orchestration instance id).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The plan's status.</summary>
    [JsonPropertyName("status")]
    public PlanStatus Status { get; set; }

    /// <summary>The plan's version.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>What the plan achieves.</summary>
    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>Whether a person approved the current version.</summary>
    [JsonPropertyName("userApproved")]
    public bool UserApproved { get; set; }

    /// <summary>When the plan was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the plan last changed.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The steps, with their status and results.</summary>
    [JsonPropertyName("steps")]
    public List<ExecutionStep> Steps { get; set; } = [];

    /// <summary>How each version came to be.</summary>
    [JsonPropertyName("revisions")]
    public List<PlanRevision> Revisions { get; set; } = [];

    /// <summary>The version before this one, when the plan was modified, so reviewers can see what changed.</summary>
    [JsonPropertyName("previousVersion")]
    public PlanVersionSnapshot? PreviousVersion { get; set; }

    /// <summary>Every decision received, applied or not.</summary>
    [JsonPropertyName("decisions")]
    public List<PlanDecision> Decisions { get; set; } = [];

    /// <summary>
    /// How many decisions reached the plan, by outcome (<c>applied</c>, <c>ignored</c>, ...): always complete, also
    /// when the view keeps only the latest of a long list of <see cref="Decisions"/> to stay small.
    /// </summary>
    [JsonPropertyName("decisionCounts")]
    public Dictionary<string, int> DecisionCounts { get; set; } = [];

    /// <summary>The notifications sent about the plan, and those that failed after their retries.</summary>
    [JsonPropertyName("notifications")]
    public List<PlanNotificationRecord> Notifications { get; set; } = [];

    /// <summary>Why the plan failed or was cancelled.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>Whether the plan waits for a person's approval before it runs.</summary>
    [JsonPropertyName("requireApproval")]
    public bool RequireApproval { get; set; }

    /// <summary>When the current version stops waiting for a decision, while it waits.</summary>
    [JsonPropertyName("approvalExpiresAt")]
    public DateTimeOffset? ApprovalExpiresAt { get; set; }

    /// <summary>Who may decide; empty means anyone allowed to call the API.</summary>
    [JsonPropertyName("approvers")]
    public List<string> Approvers { get; set; } = [];

    /// <summary>What the plan can do: its riskiest step's risk, once the app has assessed the version.</summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; set; }

    /// <summary>The hash of the current version's steps (<see cref="PlanHash"/>): what an approval approves, and what runs.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; set; }

    /// <summary>How many approvals the current version needs under the policy, and who has given one.</summary>
    [JsonPropertyName("approvals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanApprovals? Approvals { get; set; }

    /// <summary>The steps held at their checkpoints now, each waiting for its approvers (empty otherwise).</summary>
    [JsonPropertyName("checkpoints")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public List<PlanCheckpoint>? Checkpoints { get; set; }

    /// <summary>The policy the plan is approved under, each risk's setting settled; absent for plans from before policies.</summary>
    [JsonPropertyName("policy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Approvals.PlanApprovalPolicy? Policy { get; set; }

    /// <summary>Who asked for the plan, when known.</summary>
    [JsonPropertyName("requestedBy")]
    public string? RequestedBy { get; set; }

    /// <summary>Whether the requester may approve their own plan.</summary>
    [JsonPropertyName("allowSelfApproval")]
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// While a failed plan may still be run again or changed (<c>retry</c>, <c>modify</c>), until when; absent when the
    /// plan has not failed or failed for good.
    /// </summary>
    [JsonPropertyName("recoverableUntil")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RecoverableUntil { get; set; }

    /// <summary>Set while a cancel waits for the running step to finish.</summary>
    [JsonPropertyName("cancelRequested")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CancelRequested { get; set; }

    /// <summary>
    /// Set when parts of the view are shortened: in a custom status, to fit its size limit; in a view from the plan
    /// service, when even the saved details could not fill it in (the oldest of many decisions, a store that failed).
    /// </summary>
    [JsonPropertyName("truncated")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; set; }

    /// <summary>
    /// Only in a custom status: the steps of a plan too large to show whole there. Views from the plan service never
    /// carry it; they hold the steps, put back from the saved details.
    /// </summary>
    [JsonPropertyName("outline")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanOutline? Outline { get; set; }

    /// <summary>The plan part of the view, as a plan.</summary>
    /// <returns>A new plan with the view's values.</returns>
    public ExecutionPlan ToPlan() => new()
    {
        TaskId = Id,
        Description = Description,
        Steps = Steps.ConvertAll(s => s.Clone()),
        Status = Status,
        Version = Version,
        UserApproved = UserApproved,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Revisions = Revisions.ConvertAll(r => r.Clone()),
        Error = Error,
    };

    /// <summary>Creates a view of a plan.</summary>
    /// <param name="plan">The plan; the view copies what it needs.</param>
    /// <returns>The view, with no decisions and default approval settings.</returns>
    public static PlanView FromPlan(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Id = plan.TaskId,
            Status = plan.Status,
            Version = plan.Version,
            Description = plan.Description,
            UserApproved = plan.UserApproved,
            CreatedAt = plan.CreatedAt,
            UpdatedAt = plan.UpdatedAt,
            Steps = plan.Steps.ConvertAll(s => s.Clone()),
            Revisions = plan.Revisions.ConvertAll(r => r.Clone()),
            Error = plan.Error,
        };
    }
}
