using ExecutionPlans.Http;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions;

/// <summary>
/// The review page of signed approval links. Anonymous on purpose: the signed token in the link is the
/// credential, and people open these links from email or Teams without a function key.
/// </summary>
public sealed class ReviewFunctions(PlanApiServices services, ApprovalLinkSigner signer)
{
    [Function(PlanOperations.GetReviewPage)]
    public async Task<IActionResult> GetReviewPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PlanRoutes.Review)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await ReviewApi.GetReviewPageAsync(request, id, client, services, signer));

    [Function(PlanOperations.SubmitReview)]
    public async Task<IActionResult> SubmitReviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PlanRoutes.Review)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await ReviewApi.SubmitReviewAsync(request, id, client, services, signer));
}
