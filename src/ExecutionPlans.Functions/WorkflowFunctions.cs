using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ExecutionPlans.Functions;

/// <summary>
/// The orchestrator and activity triggers: thin wrappers that hand over to the workflow classes, which know
/// nothing of Functions.
/// </summary>
public sealed class WorkflowFunctions(
    GeneratePlanActivity generatePlan,
    ModifyPlanActivity modifyPlan,
    ValidatePlanActivity validatePlan,
    AssessPlanActivity assessPlan,
    ExecuteStepActivity executeStep,
    SavePlanVersionActivity saveVersion,
    NotifyApproversActivity notifyApprovers)
{
    [Function(nameof(PlanOrchestrator))]
    public static Task<PlanView> RunPlanOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<PlanOrchestrationInput>()
            ?? throw new InvalidOperationException("The plan workflow was started without an input.");
        return new PlanOrchestrator().RunAsync(context, input);
    }

    [Function(nameof(GeneratePlanActivity))]
    public Task<ExecutionPlan> GeneratePlanAsync([ActivityTrigger] string input, FunctionContext context) =>
        generatePlan.RunAsync(ActivityContext(nameof(GeneratePlanActivity), context), input);

    [Function(nameof(ModifyPlanActivity))]
    public Task<ExecutionPlan> ModifyPlanAsync([ActivityTrigger] ModifyPlanRequest input, FunctionContext context) =>
        modifyPlan.RunAsync(ActivityContext(nameof(ModifyPlanActivity), context), input);

    [Function(nameof(ValidatePlanActivity))]
    public Task<List<PlanValidationError>> ValidatePlanAsync([ActivityTrigger] ExecutionPlan input, FunctionContext context) =>
        validatePlan.RunAsync(ActivityContext(nameof(ValidatePlanActivity), context), input);

    [Function(nameof(AssessPlanActivity))]
    public Task<List<ToolRisk>> AssessPlanAsync([ActivityTrigger] ExecutionPlan input, FunctionContext context) =>
        assessPlan.RunAsync(ActivityContext(nameof(AssessPlanActivity), context), input);

    [Function(nameof(ExecuteStepActivity))]
    public Task<StepResult> ExecuteStepAsync([ActivityTrigger] ExecuteStepRequest input, FunctionContext context) =>
        executeStep.RunAsync(ActivityContext(nameof(ExecuteStepActivity), context), input);

    [Function(nameof(SavePlanVersionActivity))]
    public Task<bool> SavePlanVersionAsync([ActivityTrigger] ExecutionPlan input, FunctionContext context) =>
        saveVersion.RunAsync(ActivityContext(nameof(SavePlanVersionActivity), context), input);

    [Function(nameof(NotifyApproversActivity))]
    public Task<NotificationDelivery> NotifyApproversAsync([ActivityTrigger] NotifyRequest input, FunctionContext context) =>
        notifyApprovers.RunAsync(ActivityContext(nameof(NotifyApproversActivity), context), input);

    private static FunctionActivityContext ActivityContext(string name, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() : null;
        return new FunctionActivityContext(name, instanceId ?? string.Empty);
    }
}
