using ExecutionPlans.Agents;
using ExecutionPlans.Execution;
using ExecutionPlans.ModelClients;
using ExecutionPlans.Planning;
using ExecutionPlans.Storage;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans;

/// <summary>Registers the execution-plan services.</summary>
public static class ExecutionPlansServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tool catalog with the built-in tools (<c>http_request</c>, <c>wait</c>), the model client and plan generator (when a model is
    /// configured), the in-process executor, the in-memory store and the agent. Settings are bound from
    /// <paramref name="configuration"/> and validated at start-up; a half-configured model fails here, with a
    /// message naming the missing setting. Add your own tools as <see cref="PlanTool"/> singletons, and tools found at
    /// start (such as a Model Context Protocol server's) as <see cref="IPlanToolSource"/> singletons; or, without changing
    /// the host, name an assembly of <see cref="IPlanToolModule"/> types in <c>Tools:Assemblies</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddExecutionPlans(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Options bind from the host's IConfiguration; outside a host (a console app, a test) this one is it.
        services.TryAddSingleton(configuration);
        services.AddOptions<PlanOptions>().BindConfiguration(PlanOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ToolPolicyOptions>()
            .Configure<IConfiguration>((policies, config) => config.GetSection(ToolPolicyOptions.SectionName).Bind(policies.Tools))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelClientOptions>().BindConfiguration(ModelClientOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AzureOpenAIOptions>().BindConfiguration(AzureOpenAIOptions.SectionName);
        services.AddOptions<OpenAIOptions>().BindConfiguration(OpenAIOptions.SectionName);
        services.AddOptions<ExecutionPlanAgentOptions>();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpRequestTool();
        services.AddSingleton<PlanTool, WaitTool>();
        PlanToolModules.Add(services, configuration);
        services.TryAddSingleton(provider => new ToolCatalog(
            provider.GetServices<PlanTool>().Concat(provider.GetServices<IPlanToolSource>().SelectMany(source => source.Tools)),
            provider.GetRequiredService<IOptions<PlanOptions>>(),
            provider.GetRequiredService<IOptions<ToolPolicyOptions>>()));

        var chatClient = ChatClientFactory.Create(configuration);
        if (chatClient is not null)
        {
            services.TryAddSingleton(chatClient);
            services.TryAddSingleton<IExecutionPlanGenerator, ExecutionPlanGenerator>();
        }
        else
        {
            services.TryAddSingleton<IExecutionPlanGenerator, UnconfiguredPlanGenerator>();
        }

        services.TryAddSingleton<IExecutionPlanStore, InMemoryExecutionPlanStore>();
        services.TryAddSingleton(provider => new ExecutionPlanExecutor(
            provider.GetRequiredService<ToolCatalog>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ExecutionPlanExecutor>>(),
            provider.GetService<IExecutionPlanStore>(),
            provider.GetRequiredService<IOptions<ExecutionOptions>>()));
        services.TryAddSingleton<IExecutionPlanExecutor>(provider => provider.GetRequiredService<ExecutionPlanExecutor>());
        services.TryAddSingleton<ExecutionPlanAgent>();
        return services;
    }

    /// <summary>Adds a tool made of a plain C# method; its parameters become the tool's parameter schema.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="method">The method, for example a lambda or a method group.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="description">What the tool does.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlanTool(this IServiceCollection services, Delegate method, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(PlanTool.Create(method, name, description));
    }
}
