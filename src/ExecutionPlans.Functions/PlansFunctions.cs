using ExecutionPlans.Durable.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions;

/// <summary>The HTTP API: each trigger hands the request to the shared endpoint logic in <see cref="PlansApi"/>.</summary>
public sealed class PlansFunctions(PlanApiServices services)
{
    [Function("CreatePlan")]
    public async Task<IActionResult> CreatePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "plans")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.CreatePlanAsync(request, client, services));

    [Function("ListPlans")]
    public async Task<IActionResult> ListPlansAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "plans")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ListPlansAsync(request, client, services));

    [Function("GetPlan")]
    public async Task<IActionResult> GetPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "plans/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.GetPlanAsync(request, id, client, services));

    [Function("ApprovePlan")]
    public async Task<IActionResult> ApprovePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "plans/{id}/approve")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ApprovePlanAsync(request, id, client, services));

    [Function("ModifyPlan")]
    public async Task<IActionResult> ModifyPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "plans/{id}/modify")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ModifyPlanAsync(request, id, client, services));

    [Function("RejectPlan")]
    public async Task<IActionResult> RejectPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "plans/{id}/reject")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.RejectPlanAsync(request, id, client, services));

    [Function("CancelPlan")]
    public async Task<IActionResult> CancelPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "plans/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.CancelPlanAsync(request, id, client, services));

    [Function("DeletePlan")]
    public async Task<IActionResult> DeletePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "plans/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.DeletePlanAsync(request, id, client, services));

    [Function("ListTools")]
    public IActionResult ListTools(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tools")] HttpRequest request) =>
        new ResultActionResult(PlansApi.GetTools(services));
}
