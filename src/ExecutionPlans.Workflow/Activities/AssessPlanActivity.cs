using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>
/// The risk of each step of a version, in step order (<see cref="ToolCatalog.RiskOf(ExecutionStep)"/>). An activity
/// because the tools and <c>Tools:&lt;name&gt;:Risk</c> are the worker's configuration: replay must see the answer
/// the version was approved under, not today's.
/// </summary>
public sealed class AssessPlanActivity(ToolCatalog catalog) : TaskActivity<ExecutionPlan, List<ToolRisk>>
{
    /// <inheritdoc />
    public override Task<List<ToolRisk>> RunAsync(TaskActivityContext context, ExecutionPlan input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(input.Steps.ConvertAll(catalog.RiskOf));
    }
}
