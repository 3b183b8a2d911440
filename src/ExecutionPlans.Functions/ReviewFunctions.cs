using ExecutionPlans.Durable.Approvals;
using ExecutionPlans.Durable.Http;
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
    [Function("GetReviewPage")]
    public async Task<IActionResult> GetReviewPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "plans/{id}/review")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.GetReviewPageAsync(request, id, client, services, signer));

    [Function("SubmitReview")]
    public async Task<IActionResult> SubmitReviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "plans/{id}/review")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.SubmitReviewAsync(request, id, client, services, signer));
}
