using System.Collections.Concurrent;
using ExecutionPlans.Model;

namespace ExecutionPlans.Storage;

/// <summary>
/// An <see cref="IExecutionPlanStore"/> that keeps plans in memory; thread-safe, lost when the process ends.
/// </summary>
/// <remarks>Plans are copied with <see cref="ExecutionPlan.Clone"/> on the way in and on the way out.</remarks>
public sealed class InMemoryExecutionPlanStore : IExecutionPlanStore
{
    // Stored plans are never changed after they are added, only replaced, so reading needs no lock.
    private readonly ConcurrentDictionary<string, ExecutionPlan> plans = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(ExecutionPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(plan.TaskId);
        cancellationToken.ThrowIfCancellationRequested();
        plans[plan.TaskId] = plan.Clone();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ExecutionPlan?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(plans.TryGetValue(taskId, out var plan) ? plan.Clone() : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExecutionPlan>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ExecutionPlan> list =
        [
            .. plans.Values
                .OrderBy(p => p.CreatedAt)
                .ThenBy(p => p.TaskId, StringComparer.Ordinal)
                .Select(p => p.Clone()),
        ];
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(plans.TryRemove(taskId, out _));
    }
}
