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
    public const string Skip = "skip";

    public static IReadOnlyList<string> All { get; } = [Approve, Retry, Skip, Modify, Reject];

    /// <summary>What a plan awaiting approval offers.</summary>
    public static IReadOnlyList<string> ForApproval { get; } = [Approve, Modify, Reject];

    /// <summary>What a failed plan that can still be recovered offers.</summary>
    public static IReadOnlyList<string> ForRecovery { get; } = [Retry, Modify, Reject];

    /// <summary>What a step held at its checkpoint offers to a link bound to it.</summary>
    public static IReadOnlyList<string> ForCheckpoint { get; } = [Approve, Skip, Reject];

    /// <summary>The action named by <paramref name="text"/>, or null when it names none.</summary>
    public static string? Parse(string? text) =>
        All.FirstOrDefault(action => string.Equals(action, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The decisions a link may make now: on a step, while that step is held at its checkpoint; on the plan, its
    /// approval or its recovery; otherwise none.
    /// </summary>
    public static IReadOnlyList<string> Offered(PlanView view, string? stepId)
    {
        if (stepId is not null)
        {
            return view.Checkpoints?.Exists(c => c.StepId == stepId) == true ? ForCheckpoint : [];
        }

        return view.Status switch
        {
            PlanStatus.PendingApproval => ForApproval,
            PlanStatus.Failed when view.RecoverableUntil is not null => ForRecovery,
            _ => [],
        };
    }

    /// <summary>The button's label, for a decision on the plan or, with <paramref name="stepId"/>, on a step at its checkpoint.</summary>
    public static string Label(string action, string? stepId = null) => (action, stepId) switch
    {
        (Approve, null) => "Approve",
        (Approve, _) => "Approve step",
        (Skip, _) => "Skip step",
        (Retry, _) => "Retry",
        (Modify, _) => "Request changes",
        (_, null) => "Reject",
        _ => "Reject plan",
    };

    /// <summary>The decision an action makes.</summary>
    public static DecisionKind Kind(string action) => action switch
    {
        Approve => DecisionKind.Approve,
        Retry => DecisionKind.Retry,
        Modify => DecisionKind.Modify,
        Skip => DecisionKind.Skip,
        _ => DecisionKind.Reject,
    };

    /// <summary>What someone did, in the past tense: "approved", "requested changes to".</summary>
    public static string Verb(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => "approved",
        DecisionKind.Retry => "retried",
        DecisionKind.Modify => "requested changes to",
        DecisionKind.Reject => "rejected",
        DecisionKind.Skip => "skipped",
        DecisionKind.Cancel => "cancelled",
        DecisionKind.Timeout => "timed out",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
