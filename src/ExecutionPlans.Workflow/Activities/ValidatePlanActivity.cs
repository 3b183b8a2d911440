using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>
/// Checks a plan against the tool catalog. An activity, not orchestrator code, because the catalog is the
/// worker's configuration and may differ between deployments; replay must not see a different answer.
/// </summary>
public sealed class ValidatePlanActivity(ToolCatalog catalog) : TaskActivity<ExecutionPlan, List<PlanValidationError>>
{
    /// <inheritdoc />
    public override Task<List<PlanValidationError>> RunAsync(TaskActivityContext context, ExecutionPlan input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(catalog.Validate(input).ToList());
    }
}
