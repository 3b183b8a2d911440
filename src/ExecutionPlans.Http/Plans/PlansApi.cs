using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Http.Plans;

/// <summary>
/// The plan endpoints, written once: the self-hosted server maps them as minimal APIs and the Functions
/// app's HTTP triggers call them. Every error is a problem-details answer.
/// </summary>
public static partial class PlansApi
{
    /// <summary>The most characters of natural-language input accepted.</summary>
    public const int MaxInputChars = 20_000;

    /// <summary>The page size of <c>GET /api/plans</c> without <c>top</c>.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size of <c>GET /api/plans</c>.</summary>
    public const int MaxPageSize = 100;

    /// <summary><c>POST /api/plans</c>: plans a request, or takes a plan as written, and starts its workflow.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>202 with the plan's first view; 400, 413, 415 or 503 otherwise.</returns>
    public static async Task<Results<Accepted<PlanView>, ValidationProblem, ProblemHttpResult>> CreatePlanAsync(HttpRequest request, DurableTaskClient client, PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var cancellationToken = request.HttpContext.RequestAborted;
        var (body, invalid, refused) = await RequestBody.ReadAsync<CreatePlanRequest>(request, services.Workflow.MaxRequestBodyBytes, required: true, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (refused is not null)
        {
            return refused;
        }

        var (input, errors) = CreatePlanValidation.Validate(body!, services);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The plan request is not valid; see 'errors'.");
        }

        if (input.Input is not null && !services.Planner.IsConfigured)
        {
            return Problems.ModelNotConfigured(PlannerAvailability.NotConfiguredMessage);
        }

        input.RequestedBy = Caller(request, services);
        if (CreatePlanValidation.QuorumErrors(input, services.Catalog) is { Count: > 0 } quorum)
        {
            return Problems.Invalid(quorum, "The plan's approvers cannot approve it under its policy; see 'errors'.");
        }

        var view = await services.CreatePlanService(client).StartAsync(input, cancellationToken);
        return TypedResults.Accepted(PlanLocation(view.Id), view);
    }

    /// <summary><c>GET /api/plans/{id}</c>: the plan's view, or its Markdown with <c>Accept: text/markdown</c>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="id">The plan's id.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>200 or 404.</returns>
    public static async Task<Results<Ok<PlanView>, ContentHttpResult, ProblemHttpResult>> GetPlanAsync(HttpRequest request, string id, DurableTaskClient client, PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var view = IsPlausibleId(id) ? await services.CreatePlanService(client).GetAsync(id, request.HttpContext.RequestAborted) : null;
        if (view is null)
        {
            return Problems.NotFound(PlanCommandResult.NotFound(id).Detail!);
        }

        return WantsMarkdown(request)
            ? TypedResults.Text(PlanMarkdown.Format(view), "text/markdown; charset=utf-8")
            : TypedResults.Ok(view);
    }

    /// <summary><c>GET /api/plans?status=&amp;top=&amp;continuationToken=</c>: plans, a page at a time.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>200 with <c>{items, continuationToken}</c>, or 400.</returns>
    public static async Task<Results<Ok<PlanPage>, ValidationProblem>> ListPlansAsync(HttpRequest request, DurableTaskClient client, PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var errors = new Dictionary<string, string[]>();
        PlanStatus? status = null;
        if (request.Query[QueryNames.Status] is { Count: > 0 } statusText && !string.IsNullOrEmpty(statusText))
        {
            status = PlanStatusNames.Parse(statusText.ToString());
            if (status is null)
            {
                errors[QueryNames.Status] = [$"'{statusText}' is not a plan status; use one of {string.Join(", ", PlanStatusNames.All)}."];
            }
        }

        var top = DefaultPageSize;
        if (request.Query[QueryNames.Top] is { Count: > 0 } topText && !string.IsNullOrEmpty(topText)
            && (!int.TryParse(topText, System.Globalization.CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxPageSize))
        {
            errors[QueryNames.Top] = [$"'{topText}' is not a page size; use a whole number from 1 to {MaxPageSize}."];
        }

        var token = request.Query[QueryNames.ContinuationToken].ToString();
        if (token.Length > 0 && !PlanPageToken.TryUnwrap(token, out _))
        {
            errors[QueryNames.ContinuationToken] = ["The continuation token was not issued by this list; pass back the continuationToken of a page as it came."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The query is not valid; see 'errors'.");
        }

        var page = await services.CreatePlanService(client).ListAsync(status, top, string.IsNullOrEmpty(token) ? null : token, request.HttpContext.RequestAborted);
        return TypedResults.Ok(page);
    }

    /// <summary><c>GET /api/tools</c>: the tool catalog.</summary>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>200 with every tool's name, description and parameter schema.</returns>
    public static Ok<List<ToolDescription>> GetTools(PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return TypedResults.Ok(services.Catalog.Tools.Select(tool => new ToolDescription(tool.Name, tool.Description, tool.ParametersSchema, services.Catalog.RiskOf(tool))).ToList());
    }

    internal static string PlanLocation(string id) => PlanRoutes.PlanPath(id);

    internal static string? Caller(HttpRequest request, PlanApiServices services) => CallerIdentity.Of(request, services.Approvals);

    private static bool IsPlausibleId(string id) => !string.IsNullOrWhiteSpace(id) && id.Length <= 256;

    private static bool WantsMarkdown(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase));
}
