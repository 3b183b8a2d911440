using ExecutionPlans.Tools.Http;
using ExecutionPlans.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExecutionPlans.Http;

/// <summary>Registers what the plan API and the review page need.</summary>
public static class PlansHttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the workflow (<c>AddExecutionPlanWorkflow</c>) and the services of the plan endpoints and the review
    /// page. The core services (<c>AddExecutionPlans</c>) must be added too.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlansHttpApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddExecutionPlanWorkflow();
        services.TryAddSingleton<PlanApiServices>();

        // The http_request tool never calls this app unless Tools:Http:AllowSelf says it may.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppAddresses, HostAppAddresses>());
        return services;
    }
}
