using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// Decides what a review page says for a link that checked out: the decision forms only while the plan awaits a
/// decision on the link's version (its approval, or its recovery after a failure) and the link has not decided yet;
/// otherwise the plan read-only, with what was decided, and, while the plan is in motion, a page that follows it.
/// </summary>
internal static class ReviewPageBuilder
{
    /// <summary>The page for a link.</summary>
    /// <param name="access">The link and its plan.</param>
    /// <param name="form">The forms to show if the link may still decide.</param>
    /// <param name="sent">The action this link just sent (after a form post), if any.</param>
    /// <param name="plannerConfigured">Whether a model is configured, which "Request changes" needs.</param>
    /// <returns>The page.</returns>
    public static ReviewPage ForLink(ReviewPageAccess access, ReviewPageForm form, string? sent, bool plannerConfigured)
    {
        var view = access.View;
        if (access.IsStale)
        {
            return Stale(access);
        }

        if (access.Decision is { } decision)
        {
            return Decided(access, decision, StatusCodes.Status200OK);
        }

        var page = ReadOnly(access);
        var offered = ReviewPageActions.Offered(view, access.Link.StepId);
        if (offered.Count > 0 && sent is not null && access.FailedAttempt is null)
        {
            return page with
            {
                Title = "Decision sent",
                Message = $"Your decision ({ReviewPageActions.Label(sent)}) was sent. This page refreshes until the plan records it.",
                Tone = ReviewPageTone.Success,
                Refresh = true,
            };
        }

        if (offered.Count > 0)
        {
            return WithForm(access, form with { Actions = offered, StepId = access.Link.StepId }, plannerConfigured);
        }

        if (access.Link.StepId is { } stepId)
        {
            return page with
            {
                Title = "No decision is needed",
                Message = $"{StepState(view, stepId)} {LastDecisionText(view)}".TrimEnd(),
                Refresh = !view.Status.IsFinal(),
            };
        }

        switch (view.Status)
        {
            case PlanStatus.Draft:
                return page with
                {
                    Title = sent == ReviewPageActions.Modify ? "Changes requested" : "The plan is being prepared",
                    Message = sent == ReviewPageActions.Modify
                        ? "Your request for changes was sent and the plan is being revised. This page refreshes until it is done."
                        : "The plan is being drafted or revised and cannot be decided on yet. This page refreshes until it is ready.",
                    Refresh = true,
                };
            default:
                return page with
                {
                    Title = "No decision is needed",
                    Message = $"The plan is {view.Status.ToWireName()} and no longer awaits a decision. {LastDecisionText(view)}".TrimEnd(),
                    Refresh = !view.Status.IsFinal(),
                };
        }
    }

    /// <summary>The page for a link whose plan has moved to a newer version.</summary>
    public static ReviewPage Stale(ReviewPageAccess access)
    {
        var (link, view) = access;
        var used = access.Decision is { } decision ? $" {DecisionText(decision)}" : string.Empty;
        return ReadOnly(access) with
        {
            StatusCode = StatusCodes.Status409Conflict,
            Title = "This link is for an older version",
            Message = $"This link was for version {link.Version}; the plan is now at version {view.Version}.{used} " +
                "Nothing can be decided with this link any more; a new link comes with the new version's notification.",
            Tone = ReviewPageTone.Warning,
        };
    }

    /// <summary>The page for a link that has already decided.</summary>
    public static ReviewPage Decided(ReviewPageAccess access, PlanDecision decision, int statusCode) =>
        ReadOnly(access) with
        {
            StatusCode = statusCode,
            Title = "Decision recorded",
            Message = $"{DecisionText(decision)} This link has been used; it decides only once.",
            Tone = statusCode == StatusCodes.Status200OK ? ReviewPageTone.Success : ReviewPageTone.Warning,
        };

    /// <summary>The plan read-only, following it while it is in motion.</summary>
    public static ReviewPage ReadOnly(ReviewPageAccess access) => new()
    {
        StatusCode = StatusCodes.Status200OK,
        Title = "Plan review",
        View = access.View,
        Link = access.Link,
        Refresh = access.View.Status is PlanStatus.Draft or PlanStatus.Approved or PlanStatus.Executing or PlanStatus.Cancelling,
    };

    /// <summary>"alice approved version 2 on …: comment."; "bob skipped step s3 of version 1 on …."</summary>
    public static string DecisionText(PlanDecision decision)
    {
        var who = decision.By ?? "Someone";
        var version = decision.Version ?? decision.PlanVersion;
        var what = decision.StepId is { } stepId ? $"step {stepId} of version {version}" : $"version {version}";
        var text = $"{who} {ReviewPageActions.Verb(decision.Kind)} {what} on {ReviewPageAccess.Time(decision.At)}";
        return string.IsNullOrWhiteSpace(decision.Comment) ? text + "." : $"{text}: “{decision.Comment.Trim()}”";
    }

    private static ReviewPage WithForm(ReviewPageAccess access, ReviewPageForm form, bool plannerConfigured)
    {
        var (link, view) = access;
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in form.Actions)
        {
            var allowSelf = access.Checkpoint?.AllowSelfApproval ?? view.AllowSelfApproval;
            if (ApprovalPolicy.Refusal(ReviewPageActions.Kind(action), link.Approver, view.Approvers, view.RequestedBy, allowSelf) is { } refusal)
            {
                refusals[action] = refusal;
            }
        }

        if (!plannerConfigured)
        {
            refusals.TryAdd(ReviewPageActions.Modify, "Changes by feedback need a model, and none is configured for this app.");
        }

        var page = ReadOnly(access);
        if (refusals.Count == form.Actions.Count)
        {
            return page with
            {
                StatusCode = StatusCodes.Status403Forbidden,
                Title = "You may not decide on this plan",
                Message = string.Join(" ", refusals.Values.Distinct(StringComparer.Ordinal)),
                Tone = ReviewPageTone.Error,
            };
        }

        var attempt = access.FailedAttempt;
        var checkpoint = access.Checkpoint;
        var recovering = checkpoint is null && view.Status == PlanStatus.Failed;
        var deadline = checkpoint?.ExpiresAt ?? (recovering ? view.RecoverableUntil : view.ApprovalExpiresAt);
        var expires = deadline is { } at && at < link.ExpiresAt ? at : link.ExpiresAt;
        var awaits = checkpoint is not null
            ? $"Step {checkpoint.StepId} waits for your confirmation before it runs, {link.Approver}, with the parameters under “Runs with” (approvals {checkpoint.Approvals.Progress}). Approve step runs it once its approvals are in; Skip step skips it and the steps that depend on it; Reject plan ends the plan. This link works once, until {ReviewPageAccess.Time(expires)}."
            : recovering
            ? $"Version {view.Version} failed and can be recovered, {link.Approver}: Retry runs the failed and skipped steps again and keeps the ones that succeeded; Request changes asks for a new version, which keeps the succeeded steps that do not change and needs approval again; Reject ends the plan. This link works once, until {ReviewPageAccess.Time(expires)}."
            : $"Version {view.Version} awaits your decision, {link.Approver}. This link works once, until {ReviewPageAccess.Time(expires)}.";
        return page with
        {
            Title = checkpoint is not null ? "Confirm the step" : recovering ? "Recover the plan" : "Review the plan",
            Message = attempt is null
                ? awaits
                : $"Your earlier decision ({ReviewPageActions.Verb(attempt.Kind)}) was not carried out: {attempt.Detail ?? attempt.Outcome.ToString()} You can decide again.",
            Tone = attempt is null ? recovering ? ReviewPageTone.Warning : ReviewPageTone.Info : ReviewPageTone.Warning,
            Form = form with { Refusals = refusals },
        };
    }

    /// <summary>"Step s3 no longer waits at its checkpoint: it is succeeded."</summary>
    private static string StepState(PlanView view, string stepId) =>
        view.Steps.Find(step => step.Id == stepId) is { } step
            ? $"Step {stepId} no longer waits at its checkpoint: it is {step.Status.ToWireName()}, and the plan is {view.Status.ToWireName()}."
            : $"The plan has no step '{stepId}' any more.";

    private static string LastDecisionText(PlanView view) =>
        view.Decisions.LastOrDefault(d => d.Outcome == DecisionOutcome.Applied) is { } last
            ? last.Kind == DecisionKind.Timeout ? last.Detail ?? "Nobody decided in time." : DecisionText(last)
            : string.Empty;
}
