using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// The plan workflow: plan (or take a given plan) → wait for approval, looping through modifications →
/// run one activity per step → completed, failed or cancelled. Its custom status is the <see cref="PlanView"/>.
/// </summary>
public sealed class PlanOrchestrator : TaskOrchestrator<PlanOrchestrationInput, PlanView>
{
    /// <inheritdoc />
    public override Task<PlanView> RunAsync(TaskOrchestrationContext context, PlanOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new PlanWorkflowRun(context, input).RunAsync();
    }
}
