using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Telemetry;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>Asks the model for a plan of the request.</summary>
public sealed class GeneratePlanActivity(IExecutionPlanGenerator generator) : TaskActivity<string, ExecutionPlan>
{
    /// <inheritdoc />
    public override async Task<ExecutionPlan> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var span = PlanTelemetry.StartPlanActivity("plan.generate", context.InstanceId);
        return await generator.GenerateExecutionPlanAsync(input);
    }
}
