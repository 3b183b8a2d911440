using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.Client;

/// <summary>The inbox: what awaits one approver's decision.</summary>
public sealed partial class PlanService
{
    /// <summary>How many open plans one inbox answer reads at most; past that it answers a continuation token.</summary>
    public const int MaxInboxScan = 1_000;

    private const int InboxPageSize = 100;

    /// <summary>
    /// Lists the decisions awaiting <paramref name="approver"/>: plan versions awaiting approval, and steps held at
    /// their checkpoints, that the approver may decide (named an approver, or the plan names none; not the requester
    /// unless self-approval counts) and has not approved yet. Most urgent first.
    /// </summary>
    /// <param name="approver">Whose decisions; null: an anonymous caller, who may decide plans that name no approvers.</param>
    /// <param name="continuationToken">The token of the previous answer, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="ArgumentException">The continuation token was not issued by this list.</exception>
    public async Task<PendingDecisions> ListPendingAsync(string? approver, string? continuationToken, CancellationToken cancellationToken = default)
    {
        string? engineToken = null;
        if (continuationToken is not null && !PlanPageToken.TryUnwrap(continuationToken, out engineToken))
        {
            throw new ArgumentException("The continuation token was not issued by this list; pass back the continuationToken of an answer as it came.", nameof(continuationToken));
        }

        var query = new OrchestrationQuery
        {
            PageSize = InboxPageSize,
            ContinuationToken = engineToken,
            FetchInputsAndOutputs = true,
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        };

        var items = new List<PendingDecision>();
        var read = 0;
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(engineToken, InboxPageSize).WithCancellation(cancellationToken))
        {
            foreach (var metadata in page.Values.Where(metadata => metadata.Name == nameof(PlanOrchestrator)))
            {
                items.AddRange(PendingIn(ToView(metadata), approver));
            }

            read += page.Values.Count;
            var last = page.Values.Count < InboxPageSize || string.IsNullOrEmpty(page.ContinuationToken);
            if (!last && read >= MaxInboxScan)
            {
                return Sorted(approver, items, PlanPageToken.Wrap(page.ContinuationToken!));
            }

            if (last)
            {
                break;
            }
        }

        return Sorted(approver, items, null);
    }

    /// <summary>The decisions of one plan that await <paramref name="approver"/>.</summary>
    /// <param name="view">The plan's view.</param>
    /// <param name="approver">Who decides; null when anonymous.</param>
    /// <returns>The plan's version when it awaits the approver's approval, and each held step that awaits their confirmation.</returns>
    public static IEnumerable<PendingDecision> PendingIn(PlanView view, string? approver)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Status == PlanStatus.PendingApproval
            && ApprovalPolicy.Refusal(DecisionKind.Approve, approver, view.Approvers, view.RequestedBy, view.AllowSelfApproval) is null
            && !HasApproved(view.Approvals, approver))
        {
            yield return new PendingDecision
            {
                Kind = PendingDecision.PlanKind,
                PlanId = view.Id,
                Description = view.Description,
                Version = view.Version,
                PlanHash = view.PlanHash,
                Risk = view.Risk,
                Approvals = view.Approvals?.Clone(),
                RequestedBy = view.RequestedBy,
                ExpiresAt = view.ApprovalExpiresAt,
                ApprovePath = PlanRoutes.ApprovePath(view.Id),
            };
        }

        if (view.Status is not PlanStatus.Executing || view.Checkpoints is not { } checkpoints)
        {
            yield break;
        }

        foreach (var checkpoint in checkpoints.Where(c =>
            ApprovalPolicy.Refusal(DecisionKind.Approve, approver, view.Approvers, view.RequestedBy, c.AllowSelfApproval) is null
            && !HasApproved(c.Approvals, approver)))
        {
            yield return new PendingDecision
            {
                Kind = PendingDecision.StepKind,
                PlanId = view.Id,
                StepId = checkpoint.StepId,
                Description = view.Steps.Find(step => step.Id == checkpoint.StepId)?.Description ?? view.Description,
                Version = view.Version,
                PlanHash = view.PlanHash,
                Risk = checkpoint.Risk,
                Approvals = checkpoint.Approvals.Clone(),
                RequestedBy = view.RequestedBy,
                ExpiresAt = checkpoint.ExpiresAt,
                ApprovePath = PlanRoutes.ApprovePath(view.Id, checkpoint.StepId),
            };
        }
    }

    private static bool HasApproved(PlanApprovals? approvals, string? approver) =>
        approver is not null && approvals?.Received.Contains(approver, StringComparer.OrdinalIgnoreCase) == true;

    private static PendingDecisions Sorted(string? approver, List<PendingDecision> items, string? continuationToken) =>
        new(approver, [.. items.OrderBy(item => item.ExpiresAt ?? DateTimeOffset.MaxValue).ThenBy(item => item.PlanId, StringComparer.Ordinal).ThenBy(item => item.StepId, StringComparer.Ordinal)], continuationToken);
}
