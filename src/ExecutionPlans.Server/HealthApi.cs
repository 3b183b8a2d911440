using ExecutionPlans.ModelClients;
using ExecutionPlans.Server.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Server;

/// <summary>
/// <c>GET /api/health</c>: the engine, whether it can reach its storage, and the model configuration, never a secret;
/// open to anonymous callers. 200 when the engine answers, 503 with <c>Retry-After</c> and the reason when it does not.
/// </summary>
internal static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/health", GetHealthAsync)
            .AllowAnonymous().WithName("Health").WithSummary("The engine, its storage and the model configuration (no secrets).").WithTags("Health");

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(
        HttpResponse response,
        DurableEngine engine,
        EngineProbe probe,
        IOptions<AzureOpenAIOptions> azure,
        IOptions<OpenAIOptions> openAI)
    {
        var problem = await probe.ProblemAsync(response.HttpContext.RequestAborted);
        var report = new HealthReport(problem is null ? "ok" : "unavailable", Describe(engine.Description), ModelHealth.Of(azure.Value, openAI.Value)) { Detail = problem };
        if (problem is null)
        {
            return TypedResults.Ok(report);
        }

        response.Headers.RetryAfter = ((int)StorageUnavailableHandler.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static EngineHealth Describe(DurableEngineDescription description) =>
        new(description.Kind.ToString(), description.TaskHub, description.Storage);
}
