using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
            .AddActivity<ExecuteStepActivity>()
            .AddActivity<NotifyApproversActivity>();
    }

    /// <summary>Marks the services as having the workflow, so adding it twice (hosts, channels, HTTP) registers it once.</summary>
    private sealed class WorkflowRegistered;
}
