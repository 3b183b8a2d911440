using ExecutionPlans.Http.Review;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;

namespace ExecutionPlans.Http.Plans;

/// <summary>Maps the plan endpoints as minimal APIs, for hosts other than Azure Functions.</summary>
public static partial class PlansApi
{
    private const string Located = "The plan: /api/plans/{id}.";

    /// <summary>
    /// Maps every plan route and the review page under <c>/api</c>, each named, summarized and described for OpenAPI:
    /// its body, query parameters and every answer with its schema.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(PlanRoutes.Prefix).WithTags("Plans");

        api.MapPost(PlanRoutes.Plans, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => CreatePlanAsync(request, client, services))
            .WithName(PlanOperations.CreatePlan).WithSummary("Plan a request, or take a plan as written, and start its approval workflow.")
            .AcceptsJson<CreatePlanRequest>(required: true).WithLocation(StatusCodes.Status202Accepted, Located)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(PlanRoutes.Plans, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => ListPlansAsync(request, client, services))
            .WithName(PlanOperations.ListPlans).WithSummary("List plans, a page at a time, optionally by status.")
            .WithQuery(QueryNames.Status, "Only plans in this status.", PlansOpenApi.OneOf(PlanStatusNames.All))
            .WithQuery(QueryNames.Top, "How many plans a page holds.", PlansOpenApi.WholeNumber(1, MaxPageSize, DefaultPageSize))
            .WithQuery(QueryNames.ContinuationToken, "The continuationToken of the previous page, as it came; the last page has none.");
        api.MapGet(PlanRoutes.Plan, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => GetPlanAsync(request, id, client, services))
            .WithName(PlanOperations.GetPlan).WithSummary("Read a plan; Accept: text/markdown gives the formatted plan.")
            .AlsoProducesText(StatusCodes.Status200OK, PlansOpenApi.Markdown).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(PlanRoutes.Approve, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ApprovePlanAsync(request, id, client, services))
            .AsDecision(PlanOperations.ApprovePlan, "Approve the plan's current version.");
        api.MapPost(PlanRoutes.Modify, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ModifyPlanAsync(request, id, client, services))
            .AsDecision(PlanOperations.ModifyPlan, "Ask for changes: feedback for the model, or a replacement plan.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost(PlanRoutes.Reject, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => RejectPlanAsync(request, id, client, services))
            .AsDecision(PlanOperations.RejectPlan, "Reject the plan; it ends cancelled.");
        api.MapPost(PlanRoutes.Retry, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => RetryPlanAsync(request, id, client, services))
            .AsDecision(PlanOperations.RetryPlan, "Run a failed plan's failed and skipped steps again, while it is recoverable.");
        api.MapPost(PlanRoutes.ApproveStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => ApproveStepAsync(request, id, stepId, client, services))
            .AsDecision(PlanOperations.ApproveStep, "Confirm a step held at its checkpoint; once its quorum has, it runs with the parameters it shows.");
        api.MapPost(PlanRoutes.SkipStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => SkipStepAsync(request, id, stepId, client, services))
            .AsDecision(PlanOperations.SkipStep, "Skip a step held at its checkpoint, with the steps that depend on it.");
        api.MapPost(PlanRoutes.RejectStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => RejectStepAsync(request, id, stepId, client, services))
            .AsDecision(PlanOperations.RejectStep, "Reject a step held at its checkpoint; the plan ends cancelled.");
        api.MapPost(PlanRoutes.Cancel, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => CancelPlanAsync(request, id, client, services))
            .AsDecision(PlanOperations.CancelPlan, "Cancel the plan; a running plan stops before its next step.");
        api.MapDelete(PlanRoutes.Plan, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => DeletePlanAsync(request, id, client, services))
            .WithName(PlanOperations.DeletePlan).WithSummary("Delete (purge) a plan that has ended.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet(PlanRoutes.Review, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => ReviewApi.GetReviewPageAsync(request, id, client, services, signer))
            .WithName(PlanOperations.GetReviewPage).WithSummary("The review page of a signed approval link (HTML): the plan, what changed, its status, and the decision forms.")
            .AllowAnonymous()
            .WithQuery(QueryNames.Token, "The signed link's token.", required: true)
            .WithQuery(QueryNames.Action, "The decision the page opens with.", PlansOpenApi.OneOf(ReviewPageActions.All))
            .WithQuery(QueryNames.Sent, "The decision just sent, while the page waits for the plan to record it.", PlansOpenApi.OneOf(ReviewPageActions.All))
            .ProducesPages(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone, StatusCodes.Status503ServiceUnavailable);
        api.MapPost(PlanRoutes.Review, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => ReviewApi.SubmitReviewAsync(request, id, client, services, signer))
            .WithName(PlanOperations.SubmitReview).WithSummary("Decide with a signed approval link: the review page's form post; answers 303 back to the page.")
            .AllowAnonymous()
            .AcceptsForm(ReviewFormFields, ReviewPageCsrf.FieldName, QueryNames.Action)
            .WithQuery(QueryNames.Token, "The signed link's token, when the form does not carry it.")
            .ProducesPages(StatusCodes.Status303SeeOther, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable)
            .WithLocation(StatusCodes.Status303SeeOther, "The review page again, saying the decision was sent.");
        api.MapGet(PlanRoutes.Approvals, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => ListApprovalsAsync(request, client, services))
            .WithName(PlanOperations.ListApprovals).WithSummary("What awaits the caller's decision: plans to approve and steps held at their checkpoints, most urgent first.")
            .WithQuery(QueryNames.Approver, "Whose inbox: the caller's by default; another's for callers in Approvals:Operators.")
            .WithQuery(QueryNames.ContinuationToken, "The continuationToken of the previous answer, as it came.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet(PlanRoutes.Tools, (PlanApiServices services) => GetTools(services))
            .WithName(PlanOperations.ListTools).WithSummary("The tool catalog: each tool's name, description and parameter schema.");
        return api;
    }

    /// <summary>The review form's fields: what the page posts.</summary>
    private static Dictionary<string, OpenApiSchema> ReviewFormFields { get; } = new(StringComparer.Ordinal)
    {
        [QueryNames.Token] = PlansOpenApi.Text("The signed link's token."),
        [ReviewPageCsrf.FieldName] = PlansOpenApi.Text("The page's CSRF value, the same as its cookie's."),
        [QueryNames.Action] = PlansOpenApi.OneOf(ReviewPageActions.All, "The decision."),
        ["comment"] = PlansOpenApi.Text("A comment on an approval or a retry."),
        ["feedback"] = PlansOpenApi.Text("What should change (modify)."),
        ["reason"] = PlansOpenApi.Text("Why (reject, skip)."),
    };

    /// <summary>
    /// A decision route (cancel included): its optional JSON body, and the problems every decision can answer with; 403
    /// when the plan's approval policy refuses the caller.
    /// </summary>
    private static RouteHandlerBuilder AsDecision(this RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithSummary(summary)
            .AcceptsJson<DecisionBody>(required: false).WithLocation(StatusCodes.Status202Accepted, Located)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The review page's answers: HTML pages (a redirect's page too).</summary>
    private static RouteHandlerBuilder ProducesPages(this RouteHandlerBuilder route, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            route.Produces<string>(statusCode, PlansOpenApi.Html);
        }

        return route;
    }
}
