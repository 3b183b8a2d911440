using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Http.Mcp;

/// <summary>Serves the approval gate (<see cref="PlanGateTools"/>) over MCP's streamable HTTP transport.</summary>
public static class PlanGateEndpoints
{
    /// <summary>The route of the gate.</summary>
    public const string Route = "/mcp";

    /// <summary>Adds the MCP server with the gate's tools, stateless, so any instance of the app answers any request.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlanGateMcp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpContextAccessor();
        services.AddMcpServer(server => server.ServerInfo = new() { Name = "ExecutionPlans", Version = typeof(PlanGateTools).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools<PlanGateTools>();
        return services;
    }

    /// <summary>Maps the gate at <see cref="Route"/>, behind the app's authentication like the API.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns>The endpoints' builder.</returns>
    public static IEndpointConventionBuilder MapPlanGateMcp(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMcp(Route);
    }
}
