using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Details;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>
/// Keeps a new version of a plan in the <see cref="IPlanDetailStore"/>, before the plan shows it: a large plan's
/// custom status holds only an outline, and views fill the steps in from the saved version.
/// </summary>
public sealed class SavePlanVersionActivity(IPlanDetailStore store) : TaskActivity<ExecutionPlan, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ExecutionPlan input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await store.SaveVersionAsync(context.InstanceId, input);
        return true;
    }
}
