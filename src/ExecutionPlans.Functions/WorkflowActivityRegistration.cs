using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions;

/// <summary>The activity classes, resolved from DI by their thin function wrappers.</summary>
internal static class WorkflowActivityRegistration
{
    public static IServiceCollection AddWorkflowActivities(this IServiceCollection services) => services
        .AddTransient<GeneratePlanActivity>()
        .AddTransient<ModifyPlanActivity>()
        .AddTransient<ValidatePlanActivity>()
        .AddTransient<AssessPlanActivity>()
        .AddTransient<ExecuteStepActivity>()
        .AddTransient<SavePlanVersionActivity>()
        .AddTransient<NotifyApproversActivity>();
}
