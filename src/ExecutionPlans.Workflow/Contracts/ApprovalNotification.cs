using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// What a notification channel tells people about a plan: a request to decide on one version (or a reminder of
/// it), or how the plan ended. Plain data, so it can travel as an activity's input.
/// </summary>
public sealed record ApprovalNotification
{
    /// <summary>Why the notification is sent.</summary>
    [JsonPropertyName("kind")]
    public NotificationKind Kind { get; init; }

    /// <summary>The plan's id.</summary>
    [JsonPropertyName("planId")]
    public string PlanId { get; init; } = string.Empty;

    /// <summary>The plan version the notification is about; links decide on this version only.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; }

    /// <summary>
    /// The step a <see cref="NotificationKind.Checkpoint"/> notification asks about: links decide on that step only,
    /// with the parameters it shows.
    /// </summary>
    [JsonPropertyName("stepId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; init; }

    /// <summary>The hash of the version (its steps' canonical JSON): what a decision through the links decides on.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; init; }

    /// <summary>What the plan can do: its riskiest step's risk.</summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; init; }

    /// <summary>The quorum the notification asks toward: the version's, or the step's at a checkpoint.</summary>
    [JsonPropertyName("approvals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanApprovals? Approvals { get; init; }

    /// <summary>The text a <see cref="NotificationKind.Message"/> notification carries, written by the plan's <c>notify</c> step; plain text.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>What the plan achieves.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>The plan's steps.</summary>
    [JsonPropertyName("steps")]
    public List<NotificationStep> Steps { get; init; } = [];

    /// <summary>Who asked for the plan, when known; follow-up emails go to them too when it is an email address.</summary>
    [JsonPropertyName("requestedBy")]
    public string? RequestedBy { get; init; }

    /// <summary>When the version stops waiting for a decision; the links expire then.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Who to notify: the email channel writes to the entries that are email addresses.</summary>
    [JsonPropertyName("approvers")]
    public List<string> Approvers { get; init; } = [];

    /// <summary>The plan's status when the notification was made.</summary>
    [JsonPropertyName("status")]
    public PlanStatus Status { get; init; }

    /// <summary>Why the plan failed or was cancelled.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>
    /// Until when a failed plan can still be recovered (run again or changed); set on a <see cref="NotificationKind.Failed"/>
    /// notification while the plan is recoverable, and the recovery links expire then.
    /// </summary>
    [JsonPropertyName("recoverableUntil")]
    public DateTimeOffset? RecoverableUntil { get; init; }

    /// <summary>Whether the notification offers to recover a failed plan: Retry or Request changes, until <see cref="RecoverableUntil"/>.</summary>
    [JsonIgnore]
    public bool OffersRecovery => Kind == NotificationKind.Failed && RecoverableUntil is not null;

    /// <summary>
    /// Whether the notification asks for a decision on the version (<see cref="NotificationKind.ApprovalRequested"/>,
    /// <see cref="NotificationKind.Reminder"/>, <see cref="NotificationKind.Escalated"/>); a checkpoint asks about one step
    /// (<see cref="AsksForStep"/>).
    /// </summary>
    [JsonIgnore]
    public bool AsksForDecision => IsRequest(Kind);

    /// <summary>Whether the notification asks to confirm, skip or reject the step <see cref="StepId"/> at its checkpoint.</summary>
    [JsonIgnore]
    public bool AsksForStep => Kind == NotificationKind.Checkpoint && StepId is not null;

    /// <summary>
    /// Makes a notification from a plan view: its plan, approvers, requester and approval deadline; a follow-up also
    /// carries the parameters each step that ran received.
    /// </summary>
    /// <param name="kind">Why the notification is sent.</param>
    /// <param name="view">The plan's view.</param>
    /// <returns>The notification.</returns>
    public static ApprovalNotification FromView(NotificationKind kind, PlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Kind = kind,
            PlanId = view.Id,
            Version = view.Version,
            Description = view.Description,
            Steps = view.Steps.ConvertAll(step => NotificationStep.FromStep(step, followUp: !IsRequest(kind))),
            RequestedBy = view.RequestedBy,
            ExpiresAt = view.ApprovalExpiresAt,
            Approvers = [.. view.Approvers],
            Status = view.Status,
            Error = view.Error,
            RecoverableUntil = kind == NotificationKind.Failed ? view.RecoverableUntil : null,
            PlanHash = view.PlanHash,
            Risk = view.Risk,
            Approvals = view.Approvals?.Clone(),
        };
    }

    /// <summary>
    /// The notification of a step held at its checkpoint: the step's quorum and deadline, and the parameters it runs
    /// with shown for it.
    /// </summary>
    /// <param name="view">The plan's view, with the step in <see cref="PlanView.Checkpoints"/>.</param>
    /// <param name="stepId">The step.</param>
    /// <returns>The notification.</returns>
    public static ApprovalNotification ForCheckpoint(PlanView view, string stepId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var checkpoint = view.Checkpoints?.Find(c => c.StepId == stepId)
            ?? throw new ArgumentException($"Step '{stepId}' is not held at a checkpoint.", nameof(stepId));
        return FromView(NotificationKind.Checkpoint, view) with
        {
            StepId = stepId,
            ExpiresAt = checkpoint.ExpiresAt,
            Approvals = checkpoint.Approvals.Clone(),
            Steps = view.Steps.ConvertAll(step => NotificationStep.FromStep(step, followUp: step.Id == stepId || step.Status != StepStatus.Pending)),
        };
    }

    private static bool IsRequest(NotificationKind kind) =>
        kind is NotificationKind.ApprovalRequested or NotificationKind.Reminder or NotificationKind.Escalated;
}
