using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Http.Plans;

/// <summary>The decision, cancel and delete endpoints.</summary>
public static partial class PlansApi
{
    /// <summary><c>POST /api/plans/{id}/approve</c> with <c>{version?, planHash?, decisionId?, comment?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 404 or 409.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> ApprovePlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) =>
        DecideAsync(request, id, client, services, "approve", ["version", "planHash", "decisionId", "comment"], (service, body, by, ct) =>
            service.ApproveAsync(id, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Comment, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/modify</c> with <c>{version?, planHash?, decisionId?, feedback}</c> or <c>{version?, decisionId?, plan}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 404 or 409.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> ModifyPlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) =>
        DecideAsync(request, id, client, services, "modify", ["version", "planHash", "decisionId", "feedback", "plan"], (service, body, by, ct) =>
            service.ModifyAsync(id, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Feedback, Plan = body.Plan, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/reject</c> with <c>{version?, planHash?, decisionId?, reason?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 404 or 409.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> RejectPlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) =>
        DecideAsync(request, id, client, services, "reject", ["version", "planHash", "decisionId", "reason"], (service, body, by, ct) =>
            service.RejectAsync(id, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Reason, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/retry</c> with <c>{version?, planHash?, decisionId?, comment?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 404 or 409.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> RetryPlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) =>
        DecideAsync(request, id, client, services, "retry", ["version", "planHash", "decisionId", "comment"], (service, body, by, ct) =>
            service.RetryAsync(id, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Comment, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/approve</c> with <c>{version?, planHash?, decisionId?, comment?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 403, 404 or 409 when the step is not held at its checkpoint.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> ApproveStepAsync(HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) =>
        DecideStepAsync(request, id, stepId, client, services, "approve", ["version", "planHash", "decisionId", "comment"], (service, body, by, ct) =>
            service.ApproveStepAsync(id, stepId, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Comment, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/skip</c> with <c>{version?, planHash?, decisionId?, reason?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 403, 404 or 409 when the step is not held at its checkpoint.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> SkipStepAsync(HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) =>
        DecideStepAsync(request, id, stepId, client, services, "skip", ["version", "planHash", "decisionId", "reason"], (service, body, by, ct) =>
            service.SkipStepAsync(id, stepId, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Reason, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/reject</c> with <c>{version?, planHash?, decisionId?, reason?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 403, 404 or 409 when the step is not held at its checkpoint.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> RejectStepAsync(HttpRequest request, string id, string stepId, DurableTaskClient client, PlanApiServices services) =>
        DecideStepAsync(request, id, stepId, client, services, "reject", ["version", "planHash", "decisionId", "reason"], (service, body, by, ct) =>
            service.RejectStepAsync(id, stepId, new PlanDecisionRequest { Version = body.Version, PlanHash = body.PlanHash, DecisionId = body.DecisionId, Text = body.Reason, By = by }, ct));

    /// <summary><c>POST /api/plans/{id}/cancel</c> with an optional <c>{reason?}</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202, 400, 404 or 409 when the plan has ended.</returns>
    public static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> CancelPlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services) =>
        DecideAsync(request, id, client, services, "cancel", ["reason"], (service, body, by, ct) =>
            service.CancelAsync(id, body.Reason, by, ct));

    /// <summary><c>DELETE /api/plans/{id}</c>: purges a plan that has ended.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>204, 404, or 409 while the plan runs.</returns>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        if (!IsPlausibleId(id))
        {
            return Problems.NotFound(PlanCommandResult.NotFound(id).Detail!);
        }

        var result = await services.CreatePlanService(client).DeleteAsync(id, request.HttpContext.RequestAborted);
        return result.Status == PlanCommandStatus.Accepted ? TypedResults.NoContent() : ToProblem(result);
    }

    private static async Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        HttpRequest request,
        string id,
        DurableTaskClient client,
        PlanApiServices services,
        string action,
        string[] allowedFields,
        Func<PlanService, DecisionBody, string?, CancellationToken, Task<PlanCommandResult>> command)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var cancellationToken = request.HttpContext.RequestAborted;
        var (body, invalid, refused) = await RequestBody.ReadAsync<DecisionBody>(request, services.Workflow.MaxRequestBodyBytes, required: false, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (refused is not null)
        {
            return refused;
        }

        body ??= new DecisionBody();
        var errors = DecisionValidation.Validate(action, body, allowedFields, services.Catalog);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, $"The {action} request is not valid; see 'errors'.");
        }

        if (!IsPlausibleId(id))
        {
            return Problems.NotFound(PlanCommandResult.NotFound(id).Detail!);
        }

        var result = await command(services.CreatePlanService(client), body, Caller(request, services), cancellationToken);
        return result.Status == PlanCommandStatus.Accepted
            ? TypedResults.Accepted(PlanLocation(id), result.View)
            : ToProblem(result);
    }

    private static Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> DecideStepAsync(
        HttpRequest request,
        string id,
        string stepId,
        DurableTaskClient client,
        PlanApiServices services,
        string action,
        string[] allowedFields,
        Func<PlanService, DecisionBody, string?, CancellationToken, Task<PlanCommandResult>> command) =>
        PlanLimits.IsStepId(stepId)
            ? DecideAsync(request, id, client, services, action, allowedFields, command)
            : Task.FromResult<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>>(Problems.NotFound($"'{PlanLimits.Shown(stepId)}' is not a step id: ids are {PlanLimits.StepIdCharacters}, at most {PlanLimits.MaxStepIdChars} characters."));

    private static ProblemHttpResult ToProblem(PlanCommandResult result) => result.Status switch
    {
        PlanCommandStatus.NotFound => Problems.NotFound(result.Detail!),
        PlanCommandStatus.Forbidden => Problems.Forbidden(result.Detail!),
        PlanCommandStatus.Unavailable => Problems.ModelNotConfigured(result.Detail!),
        _ => Problems.Conflict(result.Detail!),
    };
}
