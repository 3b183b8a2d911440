using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        services.AddRouting();
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

    /// <summary>
    /// The gate as one request handler, for hosts that hand requests to a function rather than map endpoints (the
    /// Functions app's HTTP trigger at <c>/api/mcp</c>): the same MCP endpoints, routed at <paramref name="path"/>.
    /// </summary>
    /// <param name="services">The host's services, with <see cref="AddPlanGateMcp"/>.</param>
    /// <param name="path">The path requests arrive at, such as <c>/api/mcp</c>.</param>
    /// <returns>The handler.</returns>
    public static RequestDelegate CreateHandler(IServiceProvider services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapMcp(path));
        var pipeline = app.Build();

        // The host already matched the request to its function; match it again against the gate's endpoints.
        return context =>
        {
            context.SetEndpoint(null);
            return pipeline(context);
        };
    }
}
