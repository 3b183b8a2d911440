using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Review;

/// <summary>The decisions a review page offers, by the names its links and forms use.</summary>
internal static class ReviewPageActions
{
    public const string Approve = "approve";
    public const string Modify = "modify";
    public const string Reject = "reject";
    public const string Retry = "retry";

    public static IReadOnlyList<string> All { get; } = [Approve, Retry, Modify, Reject];

    /// <summary>What a plan awaiting approval offers.</summary>
    public static IReadOnlyList<string> ForApproval { get; } = [Approve, Modify, Reject];

    /// <summary>What a failed plan that can still be recovered offers.</summary>
    public static IReadOnlyList<string> ForRecovery { get; } = [Retry, Modify, Reject];

    /// <summary>The action named by <paramref name="text"/>, or null when it names none.</summary>
    public static string? Parse(string? text) =>
        All.FirstOrDefault(action => string.Equals(action, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The decisions the plan awaits now: approval, recovery, or none.</summary>
    public static IReadOnlyList<string> Offered(PlanView view) => view.Status switch
    {
        PlanStatus.PendingApproval => ForApproval,
        PlanStatus.Failed when view.RecoverableUntil is not null => ForRecovery,
        _ => [],
    };

    /// <summary>The button's label.</summary>
    public static string Label(string action) => action switch
    {
        Approve => "Approve",
        Retry => "Retry",
        Modify => "Request changes",
        _ => "Reject",
    };

    /// <summary>The decision an action makes.</summary>
    public static DecisionKind Kind(string action) => action switch
    {
        Approve => DecisionKind.Approve,
        Retry => DecisionKind.Retry,
        Modify => DecisionKind.Modify,
        _ => DecisionKind.Reject,
    };

    /// <summary>What someone did, in the past tense: "approved", "requested changes to".</summary>
    public static string Verb(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => "approved",
        DecisionKind.Retry => "retried",
        DecisionKind.Modify => "requested changes to",
        DecisionKind.Reject => "rejected",
        DecisionKind.Cancel => "cancelled",
        DecisionKind.Timeout => "timed out",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
