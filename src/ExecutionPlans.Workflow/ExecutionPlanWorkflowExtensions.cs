using Azure.Identity;
using Azure.Storage.Blobs;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Details;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Workflow;

/// <summary>Registers the plan workflow with a host.</summary>
public static class ExecutionPlanWorkflowExtensions
{
    /// <summary>
    /// Adds the workflow's settings (sections <c>Workflow</c> and <c>Approvals</c>, validated at start-up), the link
    /// signer and whether a model is configured. The core services (<c>AddExecutionPlans</c>) must be added too; the
    /// channels (<c>AddApprovalNotifications</c>) and the HTTP API (<c>AddPlansHttpApi</c>) come from their own projects.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddExecutionPlanWorkflow(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(WorkflowRegistered)))
        {
            return services;
        }

        services.AddSingleton<WorkflowRegistered>();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new PlannerAvailability(provider.GetService<IChatClient>() is not null));
        services.TryAddSingleton<ApprovalLinkSigner>();
        services.AddSingleton<PlanTool, NotifyTool>();
        services.TryAddSingleton<IPlanDetailStore, InMemoryPlanDetailStore>();
        return services;
    }

    /// <summary>
    /// Keeps plan details in a blob container (<see cref="WorkflowOptions.DetailsContainer"/>) of the storage account the
    /// app's Durable state lives in, named like the Functions host names it: the connection string
    /// <c>AzureWebJobsStorage</c> (<c>UseDevelopmentStorage=true</c> for Azurite), or an identity-based connection
    /// (<c>AzureWebJobsStorage__blobServiceUri</c> or <c>__accountName</c>, with <c>DefaultAzureCredential</c>).
    /// Every worker and client of the app must use the same account. Without such a setting the details stay in memory.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="connectionName">The connection's name.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlanDetailBlobs(this IServiceCollection services, IConfiguration configuration, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (BlobServiceOf(configuration, connectionName) is not { } account)
        {
            return services;
        }

        services.Replace(ServiceDescriptor.Singleton<IPlanDetailStore>(provider =>
            new BlobPlanDetailStore(account().GetBlobContainerClient(provider.GetRequiredService<IOptions<WorkflowOptions>>().Value.DetailsContainer))));
        return services;
    }

    /// <summary>Registers the plan orchestrator and its activities with a Durable Task worker.</summary>
    /// <param name="registry">The worker's registry.</param>
    /// <returns>The same registry.</returns>
    public static DurableTaskRegistry AddExecutionPlanTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<PlanOrchestrator>()
            .AddActivity<GeneratePlanActivity>()
            .AddActivity<ModifyPlanActivity>()
            .AddActivity<ValidatePlanActivity>()
            .AddActivity<AssessPlanActivity>()
            .AddActivity<ExecuteStepActivity>()
            .AddActivity<SavePlanVersionActivity>()
            .AddActivity<NotifyApproversActivity>();
    }

    private static Func<BlobServiceClient>? BlobServiceOf(IConfiguration configuration, string connectionName)
    {
        if (configuration[connectionName] is { Length: > 0 } connectionString)
        {
            return () => new BlobServiceClient(connectionString);
        }

        var section = configuration.GetSection(connectionName);
        var uri = section["blobServiceUri"] is { Length: > 0 } blobServiceUri
            ? new Uri(blobServiceUri)
            : section["accountName"] is { Length: > 0 } accountName ? new Uri($"https://{accountName}.blob.core.windows.net") : null;
        return uri is null ? null : () => new BlobServiceClient(uri, new DefaultAzureCredential());
    }

    /// <summary>Marks the services as having the workflow, so adding it twice (hosts, channels, HTTP) registers it once.</summary>
    private sealed class WorkflowRegistered;
}
