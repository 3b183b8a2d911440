using ExecutionPlans.Durable.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Durable.Http;

/// <summary>Maps the plan endpoints as minimal APIs, for hosts other than Azure Functions.</summary>
public static partial class PlansApi
{
    /// <summary>Maps every plan route under <c>/api</c>, each named and summarized for OpenAPI.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(RoutePrefix).WithTags("Plans");

        api.MapPost("/plans", (HttpRequest request, DurableTaskClient client, PlanApiServices services) => CreatePlanAsync(request, client, services))
            .WithName("CreatePlan").WithSummary("Plan a request, or take a plan as written, and start its approval workflow.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(413).ProducesProblem(503);
        api.MapGet("/plans", (HttpRequest request, DurableTaskClient client, PlanApiServices services) => ListPlansAsync(request, client, services))
            .WithName("ListPlans").WithSummary("List plans, a page at a time, optionally by status.")
            .ProducesProblem(400);
        api.MapGet("/plans/{id}", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => GetPlanAsync(request, id, client, services))
            .WithName("GetPlan").WithSummary("Read a plan; Accept: text/markdown gives the formatted plan.")
            .ProducesProblem(404);
        api.MapPost("/plans/{id}/approve", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ApprovePlanAsync(request, id, client, services))
            .WithName("ApprovePlan").WithSummary("Approve the plan's current version.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/plans/{id}/modify", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => ModifyPlanAsync(request, id, client, services))
            .WithName("ModifyPlan").WithSummary("Ask for changes: feedback for the model, or a replacement plan.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
        api.MapPost("/plans/{id}/reject", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => RejectPlanAsync(request, id, client, services))
            .WithName("RejectPlan").WithSummary("Reject the plan; it ends cancelled.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/plans/{id}/cancel", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => CancelPlanAsync(request, id, client, services))
            .WithName("CancelPlan").WithSummary("Cancel the plan; a running plan stops before its next step.")
            .ProducesProblem(404).ProducesProblem(409);
        api.MapDelete("/plans/{id}", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) => DeletePlanAsync(request, id, client, services))
            .WithName("DeletePlan").WithSummary("Delete (purge) a plan that has ended.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/plans/{id}/review", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => GetReviewPageAsync(request, id, client, services, signer))
            .WithName("GetReviewPage").WithSummary("The review page of a signed approval link (HTML): the plan, what changed, its status, and the decision forms.")
            .AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: ReviewPageResult.HtmlContentType);
        api.MapPost("/plans/{id}/review", (HttpRequest request, string id, DurableTaskClient client, PlanApiServices services, ApprovalLinkSigner signer) => SubmitReviewAsync(request, id, client, services, signer))
            .WithName("SubmitReview").WithSummary("Decide with a signed approval link: the review page's form post; answers 303 back to the page.")
            .AllowAnonymous().Accepts<IFormCollection>("application/x-www-form-urlencoded").Produces(StatusCodes.Status303SeeOther);
        api.MapGet("/tools", (PlanApiServices services) => GetTools(services))
            .WithName("ListTools").WithSummary("The tool catalog: each tool's name, description and parameter schema.");
        return api;
    }
}
