using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>Asks the model to change a plan as a reviewer asked.</summary>
public sealed class ModifyPlanActivity(IExecutionPlanGenerator generator) : TaskActivity<ModifyPlanRequest, ExecutionPlan>
{
    /// <inheritdoc />
    public override Task<ExecutionPlan> RunAsync(TaskActivityContext context, ModifyPlanRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return generator.ModifyExecutionPlanAsync(input.Plan, input.Feedback);
    }
}
