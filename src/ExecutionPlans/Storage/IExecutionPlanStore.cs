using ExecutionPlans.Model;

namespace ExecutionPlans.Storage;

/// <summary>Keeps plans by task id, one current version per task.</summary>
/// <remarks>
/// Implementations store and hand out copies: changing a plan after saving it, or changing a plan
/// returned by the store, does not change what is stored.
/// </remarks>
public interface IExecutionPlanStore
{
    /// <summary>Stores a plan, replacing any plan with the same <see cref="ExecutionPlan.TaskId"/>.</summary>
    /// <param name="plan">The plan to store; its task id must not be empty.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the plan is stored.</returns>
    Task SaveAsync(ExecutionPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Finds a plan by task id.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A copy of the stored plan, or <see langword="null"/> if there is none.</returns>
    Task<ExecutionPlan?> GetAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Lists every stored plan.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Copies of the plans, ordered by <see cref="ExecutionPlan.CreatedAt"/>, then by task id (ordinal).</returns>
    Task<IReadOnlyList<ExecutionPlan>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a plan.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if a plan was removed; <see langword="false"/> if there was none.</returns>
    Task<bool> DeleteAsync(string taskId, CancellationToken cancellationToken = default);
}
