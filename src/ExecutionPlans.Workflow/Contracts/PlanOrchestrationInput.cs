using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// What a plan workflow starts with. Settings that shape the workflow travel in the input, so a
/// configuration change never makes a running orchestration replay differently.
/// </summary>
public sealed class PlanOrchestrationInput
{
    /// <summary>The request for the model to plan; set this or <see cref="Plan"/>.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; set; }

    /// <summary>A plan given as written; set this or <see cref="Input"/>.</summary>
    [JsonPropertyName("plan")]
    public ExecutionPlan? Plan { get; set; }

    /// <summary>Whether a person must approve the plan before it runs.</summary>
    [JsonPropertyName("requireApproval")]
    public bool RequireApproval { get; set; } = true;

    /// <summary>How long each version waits for a decision before the plan is cancelled.</summary>
    [JsonPropertyName("approvalTimeout")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Who may decide; empty means anyone allowed to call the API.</summary>
    [JsonPropertyName("approvers")]
    public List<string> Approvers { get; set; } = [];

    /// <summary>When the plan was submitted; its creation time, the same in the first answer and in every view.</summary>
    [JsonPropertyName("submittedAt")]
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who asked for the plan, when known.</summary>
    [JsonPropertyName("requestedBy")]
    public string? RequestedBy { get; set; }

    /// <summary>Whether the requester may approve their own plan.</summary>
    [JsonPropertyName("allowSelfApproval")]
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// How plans of each risk are approved: the app's <c>Approvals:Policy</c>, tightened by the request's own. Absent in
    /// inputs from before policies: one approval, no checkpoints, <see cref="AllowSelfApproval"/>.
    /// </summary>
    [JsonPropertyName("policy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Approvals.PlanApprovalPolicy? Policy { get; set; }

    /// <summary>How long a version waits for its first decision before <see cref="EscalationApprovers"/> are added; absent: never.</summary>
    [JsonPropertyName("escalateAfter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? EscalateAfter { get; set; }

    /// <summary>Who is added to the approvers, and notified, when nobody decided within <see cref="EscalateAfter"/>.</summary>
    [JsonPropertyName("escalationApprovers")]
    public List<string> EscalationApprovers { get; set; } = [];

    /// <summary>The notification channels configured when the plan was submitted (<c>teams</c>, <c>email</c>).</summary>
    [JsonPropertyName("notificationChannels")]
    public List<string> NotificationChannels { get; set; } = [];

    /// <summary>The most modifications the plan accepts.</summary>
    [JsonPropertyName("maxModifyRounds")]
    public int MaxModifyRounds { get; set; } = WorkflowOptions.DefaultMaxModifyRounds;

    /// <summary>The most steps that run at once (<c>Execution:MaxParallelSteps</c>, default 8).</summary>
    [JsonPropertyName("maxParallelSteps")]
    public int MaxParallelSteps { get; set; } = ExecutionOptions.DefaultMaxParallelSteps;

    /// <summary>How long a failed plan stays recoverable (<c>Execution:RecoveryWindow</c>, default a day); zero: failed is final at once.</summary>
    [JsonPropertyName("recoveryWindow")]
    public TimeSpan RecoveryWindow { get; set; } = ExecutionOptions.DefaultRecoveryWindow;

    /// <summary>Set when the workflow continues a running plan as a new execution; the plan is there, not in <see cref="Plan"/>.</summary>
    [JsonPropertyName("continuation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanContinuation? Continuation { get; set; }

    /// <summary>The same settings, for a new execution that goes on with <paramref name="continuation"/>.</summary>
    /// <param name="continuation">Where the plan is.</param>
    /// <returns>The new execution's input.</returns>
    internal PlanOrchestrationInput ContinuedWith(PlanContinuation continuation) => new()
    {
        RequireApproval = RequireApproval,
        ApprovalTimeout = ApprovalTimeout,
        Approvers = Approvers,
        SubmittedAt = SubmittedAt,
        RequestedBy = RequestedBy,
        AllowSelfApproval = AllowSelfApproval,
        Policy = Policy,
        EscalateAfter = EscalateAfter,
        EscalationApprovers = EscalationApprovers,
        NotificationChannels = NotificationChannels,
        MaxModifyRounds = MaxModifyRounds,
        MaxParallelSteps = MaxParallelSteps,
        RecoveryWindow = RecoveryWindow,
        Continuation = continuation,
    };
}
