using ExecutionPlans.ModelClients;
using ExecutionPlans.Server.Engine;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Server;

/// <summary><c>GET /api/health</c>: the engine and the model configuration, never a secret; open to anonymous callers.</summary>
internal static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/health", (DurableEngine engine, IOptions<AzureOpenAIOptions> azure, IOptions<OpenAIOptions> openAI) =>
                TypedResults.Ok(new HealthReport("ok", Describe(engine.Description), ModelHealth.Of(azure.Value, openAI.Value))))
            .AllowAnonymous().WithName("Health").WithSummary("The engine and model configuration (no secrets).").WithTags("Health");

    private static EngineHealth Describe(DurableEngineDescription description) =>
        new(description.Kind.ToString(), description.TaskHub, description.Storage);
}
