using ExecutionPlans.Durable.Activities;
using ExecutionPlans.Durable.Approvals;
using ExecutionPlans.Durable.Http;
using ExecutionPlans.Durable.Notifications;
using ExecutionPlans.Durable.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExecutionPlans.Durable;

/// <summary>Registers the plan workflow with a host.</summary>
public static class ExecutionPlanWorkflowExtensions
{
    /// <summary>
    /// Adds the workflow's settings (sections <c>Workflow</c> and <c>Approvals</c>, validated at start-up) and the
    /// services of the plan endpoints and the approval notification channels (<c>AddApprovalNotifications</c>). The core
    /// services (<c>AddExecutionPlans</c>) must be added too.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddExecutionPlanWorkflow(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new PlannerAvailability(provider.GetService<IChatClient>() is not null));
        services.TryAddSingleton<PlanApiServices>();
        services.TryAddSingleton<ApprovalLinkSigner>();
        services.TryAddSingleton<ApprovalLinks>();
        services.AddApprovalNotifications();
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
}
