using ExecutionPlans.Model;
using System.Globalization;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// A signed link that checked out, with the plan it is for. <see cref="OpenAsync"/> answers every link that
/// does not check out with the page that says why: 503 without a signing key, 403 for a forged, altered or
/// misdirected token, 410 once it expired, 404 when the plan is gone.
/// </summary>
/// <param name="Link">The link.</param>
/// <param name="View">The plan as it is now.</param>
internal sealed record ReviewPageAccess(ApprovalLink Link, PlanView View)
{
    /// <summary>The decision this link made and the workflow applied, if it made one.</summary>
    public PlanDecision? Decision =>
        View.Decisions.LastOrDefault(d => d.DecisionId == Link.DecisionId && d.Outcome == DecisionOutcome.Applied);

    /// <summary>The last decision sent with this link that did not apply (for example, the model failed), if any.</summary>
    public PlanDecision? FailedAttempt =>
        Decision is null ? View.Decisions.LastOrDefault(d => d.DecisionId == Link.DecisionId) : null;

    /// <summary>
    /// Whether the plan has moved past the version the link was issued for: another version, or (for links that carry
    /// one) another hash.
    /// </summary>
    public bool IsStale =>
        Link.Version != View.Version || (Link.PlanHash is { } hash && View.PlanHash is { } current && !PlanHash.Same(hash, current));

    /// <summary>The checkpoint the link decides on, while its step is held there.</summary>
    public PlanCheckpoint? Checkpoint => Link.StepId is { } stepId ? View.Checkpoints?.Find(c => c.StepId == stepId) : null;

    public static async Task<(ReviewPageAccess? Access, ReviewPage? Refusal)> OpenAsync(
        string id,
        string? token,
        DurableTaskClient client,
        PlanApiServices services,
        ApprovalLinkSigner signer,
        CancellationToken cancellationToken)
    {
        if (!signer.IsConfigured)
        {
            return (null, Refused(StatusCodes.Status503ServiceUnavailable, "Review links are switched off", ApprovalOptions.SigningKeyMissingMessage));
        }

        var check = signer.Check(token, out var link);
        if (check == ApprovalLinkCheck.Invalid || link is null)
        {
            return (null, Refused(
                StatusCodes.Status403Forbidden,
                "This link is not valid",
                "The link is incomplete or was changed, or it was not issued by this app. Open the link from the notification exactly as it was sent."));
        }

        if (!string.Equals(link.PlanId, id, StringComparison.Ordinal))
        {
            return (null, Refused(
                StatusCodes.Status403Forbidden,
                "This link is not for this plan",
                "The link was issued for another plan. Open the link from the notification exactly as it was sent."));
        }

        if (check == ApprovalLinkCheck.Expired)
        {
            return (null, Refused(
                StatusCodes.Status410Gone,
                "This link has expired",
                $"The link expired on {Time(link.ExpiresAt)}. Nothing was decided with it after that; ask for a new link if the plan still awaits a decision."));
        }

        var view = await services.CreatePlanService(client).GetAsync(id, cancellationToken);
        return view is null
            ? (null, Refused(StatusCodes.Status404NotFound, "No such plan", $"There is no plan with the id '{id}'; it may have been deleted."))
            : (new ReviewPageAccess(link, view), null);
    }

    /// <summary>A time as the pages show it, in UTC.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static ReviewPage Refused(int statusCode, string title, string message) =>
        new() { StatusCode = statusCode, Title = title, Message = message, Tone = ReviewPageTone.Error };
}
