using ExecutionPlans.Http.Plans;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Primitives;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// The review page of signed approval links. The token is the credential, so these routes need no other
/// authentication. GET only shows (mail scanners follow links); deciding takes a form post with the CSRF check.
/// </summary>
public static class ReviewApi
{
    /// <summary>
    /// <c>GET /api/plans/{id}/review?token=...[&amp;action=approve|retry|skip|modify|reject]</c>: the plan, what changed since the
    /// previous version, its risk, quorum progress and hash, its history and live status, and, while the link may still decide,
    /// the decision forms (approve, request changes or reject a plan awaiting approval; retry, request changes or reject a
    /// failed plan that can still be recovered, with the steps a retry keeps and those it runs again; for a link bound to a
    /// step held at its checkpoint, approve or skip the step, or reject the plan, with the parameters it runs with).
    /// </summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <param name="signer">Checks the link's token.</param>
    /// <returns>An HTML page: 200; 403 for an invalid or misdirected link; 404; 409 for a stale version; 410 once expired; 503 without a signing key.</returns>
    public static async Task<IResult> GetReviewPageAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signer);
        var token = request.Query[QueryNames.Token].ToString();
        var (access, refusal) = await ReviewPageAccess.OpenAsync(id, token, client, services, signer, request.HttpContext.RequestAborted);
        if (access is null)
        {
            return ReviewPageResult.Page(refusal!);
        }

        var form = NewReviewForm(request, token, ReviewPageActions.Parse(request.Query[QueryNames.Action]));
        return ReviewPageResult.Page(ReviewPageBuilder.ForLink(access, form, ReviewPageActions.Parse(request.Query[QueryNames.Sent]), services.Planner.IsConfigured));
    }

    /// <summary>
    /// <c>POST /api/plans/{id}/review</c> (form: <c>token</c>, <c>csrf</c>, <c>action</c>, and <c>comment</c> (approve, retry),
    /// <c>feedback</c> (modify) or <c>reason</c> (reject, skip)): decides with the link, as the link's approver, on the link's
    /// version and hash (and step, for a checkpoint link), at most once.
    /// </summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <param name="signer">Checks the link's token.</param>
    /// <returns>303 to the review page once the decision is sent; otherwise an HTML page with the reason and its status.</returns>
    public static async Task<IResult> SubmitReviewAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signer);
        var cancellationToken = request.HttpContext.RequestAborted;
        var (fields, unreadable) = await ReviewPageFormReader.ReadAsync(request, services.Workflow.MaxRequestBodyBytes, cancellationToken);
        if (fields is null)
        {
            return ReviewPageResult.Page(unreadable!);
        }

        var token = Field(fields, "token") ?? request.Query[QueryNames.Token].ToString();
        var (access, refusal) = await ReviewPageAccess.OpenAsync(id, token, client, services, signer, cancellationToken);
        if (access is null)
        {
            return ReviewPageResult.Page(refusal!);
        }

        if (!ReviewPageCsrf.Verify(request, Field(fields, ReviewPageCsrf.FieldName)))
        {
            return ReviewPageResult.Page(new ReviewPage
            {
                StatusCode = StatusCodes.Status403Forbidden,
                Title = "The form could not be verified",
                Message = "Nothing was decided: the form's security check failed (its cookie is missing, expired or from another page). Open the review page again and decide there.",
                Tone = ReviewPageTone.Error,
                RetryUrl = ReviewUrl(request, token, sent: null),
            });
        }

        var action = ReviewPageActions.Parse(Field(fields, "action"));
        var text = action switch
        {
            ReviewPageActions.Approve or ReviewPageActions.Retry => Field(fields, "comment"),
            ReviewPageActions.Modify => Field(fields, "feedback"),
            _ => Field(fields, "reason"),
        };
        var form = NewReviewForm(request, token, action) with
        {
            Comment = Field(fields, "comment"),
            Feedback = Field(fields, "feedback"),
            Reason = Field(fields, "reason"),
        };
        var page = ReviewPageBuilder.ForLink(access, form, sent: null, services.Planner.IsConfigured);
        if (page.Form is null)
        {
            // The link may not decide now (stale, used, plan moved on): say so, as a conflict.
            return ReviewPageResult.Page(page.StatusCode == StatusCodes.Status200OK ? page with { StatusCode = StatusCodes.Status409Conflict, Tone = ReviewPageTone.Warning } : page);
        }

        (int Status, string? Message) problem = action switch
        {
            _ when action is null || !page.Form.Actions.Contains(action) => (StatusCodes.Status400BadRequest, $"Choose {Choices(page.Form)}."),
            _ when page.Form.Refusals.TryGetValue(action!, out var why) => (StatusCodes.Status403Forbidden, why),
            ReviewPageActions.Modify when string.IsNullOrWhiteSpace(text) => (StatusCodes.Status400BadRequest, "Say what should change: the feedback is required to request changes."),
            _ => (StatusCodes.Status200OK, null),
        };
        if (problem.Message is { } message)
        {
            return ReviewPageResult.Page(page with
            {
                StatusCode = problem.Status,
                Title = "Nothing was decided",
                Message = message,
                Tone = ReviewPageTone.Error,
                Form = page.Form with { Error = message },
            });
        }

        var link = access.Link;
        var decision = new PlanDecisionRequest
        {
            Version = link.Version,
            PlanHash = link.PlanHash,
            DecisionId = link.DecisionId,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            By = link.Approver,
        };
        var service = services.CreatePlanService(client);
        var result = (action, link.StepId) switch
        {
            (ReviewPageActions.Approve, { } step) => await service.ApproveStepAsync(id, step, decision, cancellationToken),
            (ReviewPageActions.Skip, { } step) => await service.SkipStepAsync(id, step, decision, cancellationToken),
            (_, { } step) => await service.RejectStepAsync(id, step, decision, cancellationToken),
            (ReviewPageActions.Approve, _) => await service.ApproveAsync(id, decision, cancellationToken),
            (ReviewPageActions.Retry, _) => await service.RetryAsync(id, decision, cancellationToken),
            (ReviewPageActions.Modify, _) => await service.ModifyAsync(id, decision, cancellationToken),
            _ => await service.RejectAsync(id, decision, cancellationToken),
        };
        return result.Status switch
        {
            PlanCommandStatus.Accepted => ReviewPageResult.SeeOther(ReviewUrl(request, token, action)),
            PlanCommandStatus.NotFound => ReviewPageResult.Page(new ReviewPage
            {
                StatusCode = StatusCodes.Status404NotFound,
                Title = "No such plan",
                Message = result.Detail,
                Tone = ReviewPageTone.Error,
            }),
            _ => ReviewPageResult.Page(ReviewPageBuilder.ReadOnly(result.View is null ? access : access with { View = result.View }) with
            {
                StatusCode = result.Status == PlanCommandStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                Title = "Nothing was decided",
                Message = result.Detail,
                Tone = ReviewPageTone.Error,
            }),
        };
    }

    /// <summary>"Retry, Request changes or Reject".</summary>
    private static string Choices(ReviewPageForm form) =>
        string.Join(", ", form.Actions.Take(form.Actions.Count - 1).Select(action => ReviewPageActions.Label(action, form.StepId)))
        + " or " + ReviewPageActions.Label(form.Actions[^1], form.StepId);

    private static ReviewPageForm NewReviewForm(HttpRequest request, string token, string? chosen) => new()
    {
        ActionUrl = (request.PathBase + request.Path).ToUriComponent(),
        Token = token,
        Csrf = ReviewPageCsrf.ValueFor(request),
        Chosen = chosen,
    };

    private static string ReviewUrl(HttpRequest request, string token, string? sent) =>
        (request.PathBase + request.Path).ToUriComponent() + "?token=" + Uri.EscapeDataString(token)
        + (sent is null ? string.Empty : "&sent=" + sent);

    private static string? Field(Dictionary<string, StringValues> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
