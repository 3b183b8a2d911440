using ExecutionPlans.Http;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions;

/// <summary>The HTTP API: each trigger hands the request to the shared endpoint logic in <see cref="PlansApi"/>.</summary>
public sealed class PlansFunctions(PlanApiServices services)
{
    [Function(PlanOperations.CreatePlan)]
    public async Task<IActionResult> CreatePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Plans)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.CreatePlanAsync(request, client, services));

    [Function(PlanOperations.ListPlans)]
    public async Task<IActionResult> ListPlansAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PlanRoutes.Plans)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ListPlansAsync(request, client, services));

    [Function(PlanOperations.GetPlan)]
    public async Task<IActionResult> GetPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PlanRoutes.Plan)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.GetPlanAsync(request, id, client, services));

    [Function(PlanOperations.ApprovePlan)]
    public async Task<IActionResult> ApprovePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Approve)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ApprovePlanAsync(request, id, client, services));

    [Function(PlanOperations.ModifyPlan)]
    public async Task<IActionResult> ModifyPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Modify)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ModifyPlanAsync(request, id, client, services));

    [Function(PlanOperations.RejectPlan)]
    public async Task<IActionResult> RejectPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Reject)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.RejectPlanAsync(request, id, client, services));

    [Function(PlanOperations.RetryPlan)]
    public async Task<IActionResult> RetryPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Retry)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.RetryPlanAsync(request, id, client, services));

    [Function(PlanOperations.ApproveStep)]
    public async Task<IActionResult> ApproveStepAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.ApproveStep)] HttpRequest request,
        string id,
        string stepId,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ApproveStepAsync(request, id, stepId, client, services));

    [Function(PlanOperations.SkipStep)]
    public async Task<IActionResult> SkipStepAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.SkipStep)] HttpRequest request,
        string id,
        string stepId,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.SkipStepAsync(request, id, stepId, client, services));

    [Function(PlanOperations.RejectStep)]
    public async Task<IActionResult> RejectStepAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.RejectStep)] HttpRequest request,
        string id,
        string stepId,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.RejectStepAsync(request, id, stepId, client, services));

    [Function(PlanOperations.CancelPlan)]
    public async Task<IActionResult> CancelPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PlanRoutes.Cancel)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.CancelPlanAsync(request, id, client, services));

    [Function(PlanOperations.DeletePlan)]
    public async Task<IActionResult> DeletePlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = PlanRoutes.Plan)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.DeletePlanAsync(request, id, client, services));

    [Function(PlanOperations.ListApprovals)]
    public async Task<IActionResult> ListApprovalsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PlanRoutes.Approvals)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await PlansApi.ListApprovalsAsync(request, client, services));

    [Function(PlanOperations.ListTools)]
    public IActionResult ListTools(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PlanRoutes.Tools)] HttpRequest request) =>
        new ResultActionResult(PlansApi.GetTools(services));
}
