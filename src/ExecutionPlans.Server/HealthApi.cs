using ExecutionPlans.Mcp;
using ExecutionPlans.ModelClients;
using ExecutionPlans.Server.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Server;

/// <summary>
/// <c>GET /api/health</c>: the engine, whether it can reach its storage, the model configuration and the MCP servers, never a secret;
/// open to anonymous callers. 200 when the engine answers, 503 with <c>Retry-After</c> and the reason when it does not.
/// </summary>
internal static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/health", GetHealthAsync)
            .AllowAnonymous().WithName("Health").WithSummary("The engine, its storage and the model configuration (no secrets).").WithTags("Health")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(
        HttpResponse response,
        DurableEngine engine,
        EngineProbe probe,
        IOptions<AzureOpenAIOptions> azure,
        IOptions<OpenAIOptions> openAI,
        McpToolSource mcp)
    {
        var problem = await probe.ProblemAsync(response.HttpContext.RequestAborted);
        var servers = mcp.Servers;

        // A server that could not be reached leaves its tools out; the app serves on, degraded.
        var status = problem is not null ? "unavailable" : servers.Any(s => s.Status != McpServerStatus.Connected) ? "degraded" : "ok";
        var report = new HealthReport(status, Describe(engine.Description), ModelHealth.Of(azure.Value, openAI.Value))
        {
            Detail = problem,
            Mcp = servers.Count > 0 ? servers : null,
        };
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
