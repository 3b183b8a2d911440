using ExecutionPlans.Model;

namespace ExecutionPlans.Execution;

/// <summary>
/// Runs approved plans for the <see cref="Agents.ExecutionPlanAgent"/>. <see cref="ExecutionPlanExecutor"/> is the
/// default; register another implementation before <c>AddExecutionPlans</c> to replace it (it is added with TryAdd).
/// </summary>
public interface IExecutionPlanExecutor
{
    /// <summary>Runs an approved plan to its end and returns it in its final state. The plan passed in is not changed.</summary>
    /// <param name="plan">
    /// The plan, in status <see cref="PlanStatus.Approved"/>; <see cref="ExecutionPlan.UserApproved"/> is false when the agent
    /// runs it without asking for approval (<c>RequirePlanApproval = false</c>).
    /// </param>
    /// <param name="cancellationToken">
    /// The hard stop: cancels the run like <see cref="CancelPlan"/> and also cancels the running tools.
    /// </param>
    Task<ExecutionPlan> ExecutePlanAsync(ExecutionPlan plan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a running plan: no new step starts, running steps finish with their results (the plan is
    /// <see cref="PlanStatus.Cancelling"/> meanwhile), then it is <see cref="PlanStatus.Cancelled"/>. Returns whether the
    /// cancel took: false when the plan was not running, had ended or was already being cancelled.
    /// </summary>
    /// <param name="taskId">The plan's task id.</param>
    bool CancelPlan(string taskId);

    /// <summary>The live status of a plan this executor is running or ran recently, or null.</summary>
    /// <param name="taskId">The plan's task id.</param>
    PlanStatus? GetPlanStatus(string taskId);

    /// <summary>A copy of a plan this executor is running or ran recently, or null.</summary>
    /// <param name="taskId">The plan's task id.</param>
    ExecutionPlan? GetPlan(string taskId);
}
