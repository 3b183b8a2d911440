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

    /// <summary>Whether the notification asks for a decision (<see cref="NotificationKind.ApprovalRequested"/> or <see cref="NotificationKind.Reminder"/>).</summary>
    [JsonIgnore]
    public bool AsksForDecision => IsRequest(Kind);

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
        };
    }

    private static bool IsRequest(NotificationKind kind) => kind is NotificationKind.ApprovalRequested or NotificationKind.Reminder;
}
