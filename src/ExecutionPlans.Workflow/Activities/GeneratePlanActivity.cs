using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>Asks the model for a plan of the request.</summary>
public sealed class GeneratePlanActivity(IExecutionPlanGenerator generator) : TaskActivity<string, ExecutionPlan>
{
    /// <inheritdoc />
    public override Task<ExecutionPlan> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return generator.GenerateExecutionPlanAsync(input);
    }
}
