using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>
/// Who may decide on a plan. With approvers named, only they may approve, change or reject it (the requester
/// may also cancel it); the requester may not approve their own plan unless self-approval is allowed. Pure and
/// deterministic: the HTTP layer checks it to answer 403, and the workflow checks it again for decisions that
/// arrive as raw events.
/// </summary>
public static class ApprovalPolicy
{
    /// <summary>Checks whether <paramref name="by"/> may make a decision of <paramref name="kind"/>.</summary>
    /// <param name="kind">The decision.</param>
    /// <param name="by">Who decides; null when unknown.</param>
    /// <param name="approvers">The plan's approvers; empty means anyone.</param>
    /// <param name="requestedBy">Who requested the plan, when known.</param>
    /// <param name="allowSelfApproval">Whether the requester may approve their own plan.</param>
    /// <returns>Null when allowed, else why not.</returns>
    public static string? Refusal(DecisionKind kind, string? by, IReadOnlyCollection<string> approvers, string? requestedBy, bool allowSelfApproval)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        var isRequester = by is not null && requestedBy is not null && string.Equals(by, requestedBy, StringComparison.OrdinalIgnoreCase);
        if (kind is DecisionKind.Approve or DecisionKind.Retry && isRequester && !allowSelfApproval)
        {
            return $"{by} requested this plan and may not {(kind == DecisionKind.Retry ? "run it again" : "approve it")} (Approvals:AllowSelfApproval is off).";
        }

        if (approvers.Count == 0 || (kind == DecisionKind.Cancel && isRequester))
        {
            return null;
        }

        if (by is null)
        {
            return $"Only the plan's approvers may decide on it ({string.Join(", ", approvers)}), and the caller is anonymous.";
        }

        return approvers.Contains(by, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"{by} is not an approver of this plan; its approvers are {string.Join(", ", approvers)}.";
    }
}
