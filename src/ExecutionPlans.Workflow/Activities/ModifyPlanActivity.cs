using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Telemetry;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>Asks the model to change a plan as a reviewer asked.</summary>
public sealed class ModifyPlanActivity(IExecutionPlanGenerator generator) : TaskActivity<ModifyPlanRequest, ExecutionPlan>
{
    /// <inheritdoc />
    public override async Task<ExecutionPlan> RunAsync(TaskActivityContext context, ModifyPlanRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var span = PlanTelemetry.StartPlanActivity("plan.modify", context.InstanceId);
        return await generator.ModifyExecutionPlanAsync(input.Plan, input.Feedback);
    }
}
