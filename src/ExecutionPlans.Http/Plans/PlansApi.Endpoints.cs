using ExecutionPlans.Http.Review;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Http.Plans;

/// <summary>Maps the plan endpoints as minimal APIs, for hosts other than Azure Functions.</summary>
public static partial class PlansApi
{
    /// <summary>Maps every plan route and the review page under <c>/api</c>, each named and summarized for OpenAPI.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(PlanRoutes.Prefix).WithTags("Plans");

        api.MapPost(PlanRoutes.Plans, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => CreatePlanAsync(request, client, services))
            .WithName(PlanOperations.CreatePlan).WithSummary("Plan a request, or take a plan as written, and start its approval workflow.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(413).ProducesProblem(503);
        api.MapGet(PlanRoutes.Plans, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => ListPlansAsync(request, client, services))
            .WithName(PlanOperations.ListPlans).WithSummary("List plans, a page at a time, optionally by status.")
            .ProducesProblem(400);
        api.MapGet(PlanRoutes.Plan, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => GetPlanAsync(request, id, client, services))
            .WithName(PlanOperations.GetPlan).WithSummary("Read a plan; Accept: text/markdown gives the formatted plan.")
            .ProducesProblem(404);
        api.MapPost(PlanRoutes.Approve, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ApprovePlanAsync(request, id, client, services))
            .WithName(PlanOperations.ApprovePlan).WithSummary("Approve the plan's current version.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.Modify, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ModifyPlanAsync(request, id, client, services))
            .WithName(PlanOperations.ModifyPlan).WithSummary("Ask for changes: feedback for the model, or a replacement plan.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
        api.MapPost(PlanRoutes.Reject, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => RejectPlanAsync(request, id, client, services))
            .WithName(PlanOperations.RejectPlan).WithSummary("Reject the plan; it ends cancelled.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.Retry, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => RetryPlanAsync(request, id, client, services))
            .WithName(PlanOperations.RetryPlan).WithSummary("Run a failed plan's failed and skipped steps again, while it is recoverable.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.ApproveStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => ApproveStepAsync(request, id, stepId, client, services))
            .WithName(PlanOperations.ApproveStep).WithSummary("Confirm a step held at its checkpoint; once its quorum has, it runs with the parameters it shows.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.SkipStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => SkipStepAsync(request, id, stepId, client, services))
            .WithName(PlanOperations.SkipStep).WithSummary("Skip a step held at its checkpoint, with the steps that depend on it.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.RejectStep, (HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) => RejectStepAsync(request, id, stepId, client, services))
            .WithName(PlanOperations.RejectStep).WithSummary("Reject a step held at its checkpoint; the plan ends cancelled.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(PlanRoutes.Cancel, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => CancelPlanAsync(request, id, client, services))
            .WithName(PlanOperations.CancelPlan).WithSummary("Cancel the plan; a running plan stops before its next step.")
            .ProducesProblem(404).ProducesProblem(409);
        api.MapDelete(PlanRoutes.Plan, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => DeletePlanAsync(request, id, client, services))
            .WithName(PlanOperations.DeletePlan).WithSummary("Delete (purge) a plan that has ended.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(409);
        api.MapGet(PlanRoutes.Review, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => ReviewApi.GetReviewPageAsync(request, id, client, services, signer))
            .WithName(PlanOperations.GetReviewPage).WithSummary("The review page of a signed approval link (HTML): the plan, what changed, its status, and the decision forms.")
            .AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: ReviewPageResult.HtmlContentType);
        api.MapPost(PlanRoutes.Review, (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => ReviewApi.SubmitReviewAsync(request, id, client, services, signer))
            .WithName(PlanOperations.SubmitReview).WithSummary("Decide with a signed approval link: the review page's form post; answers 303 back to the page.")
            .AllowAnonymous().Accepts<IFormCollection>("application/x-www-form-urlencoded").Produces(StatusCodes.Status303SeeOther);
        api.MapGet(PlanRoutes.Approvals, (HttpRequest request, DurableTaskClient client, PlanApiServices services) => ListApprovalsAsync(request, client, services))
            .WithName(PlanOperations.ListApprovals).WithSummary("What awaits the caller's decision: plans to approve and steps held at their checkpoints, most urgent first.")
            .Produces<PendingDecisions>().ProducesProblem(400).ProducesProblem(403);
        api.MapGet(PlanRoutes.Tools, (PlanApiServices services) => GetTools(services))
            .WithName(PlanOperations.ListTools).WithSummary("The tool catalog: each tool's name, description and parameter schema.");
        return api;
    }
}
