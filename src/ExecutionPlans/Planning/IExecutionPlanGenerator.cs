using ExecutionPlans.Model;

namespace ExecutionPlans.Planning;

/// <summary>Turns a request into a plan of tool calls, and changes a plan on a reviewer's feedback.</summary>
public interface IExecutionPlanGenerator
{
    /// <summary>Plans a request with the tools of the catalog.</summary>
    /// <param name="input">What the user wants done, in their words.</param>
    /// <param name="cancellationToken">Cancels the request to the model.</param>
    /// <returns>A new, valid plan at version 1 with status <see cref="PlanStatus.Draft"/>.</returns>
    Task<ExecutionPlan> GenerateExecutionPlanAsync(string input, CancellationToken cancellationToken = default);

    /// <summary>Changes a plan as a reviewer asked.</summary>
    /// <param name="plan">The current plan; it is not changed.</param>
    /// <param name="feedback">What the reviewer wants changed.</param>
    /// <param name="cancellationToken">Cancels the request to the model.</param>
    /// <returns>
    /// The new plan: same task id and creation time, version one higher, the feedback in its revisions, status
    /// <see cref="PlanStatus.Draft"/>.
    /// </returns>
    Task<ExecutionPlan> ModifyExecutionPlanAsync(ExecutionPlan plan, string feedback, CancellationToken cancellationToken = default);
}
