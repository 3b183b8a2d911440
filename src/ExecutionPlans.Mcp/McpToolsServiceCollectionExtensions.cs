using ExecutionPlans.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ExecutionPlans.Mcp;

/// <summary>Registers the tools of Model Context Protocol servers.</summary>
public static class McpToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tools of every server under <c>Tools:Mcp</c> to the catalog (<c>&lt;server&gt;.&lt;tool&gt;</c>), connecting
    /// as the host starts; settings are validated at start. Without servers configured it adds nothing that runs.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMcpTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<McpToolsOptions>()
            .Configure<IConfiguration>((options, config) => config.GetSection(McpToolsOptions.SectionName).Bind(options.Servers))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<McpToolSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanToolSource, McpToolSource>(provider => provider.GetRequiredService<McpToolSource>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, McpToolsStartup>());
        return services;
    }
}
