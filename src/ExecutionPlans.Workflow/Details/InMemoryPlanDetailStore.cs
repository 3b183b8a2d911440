using System.Collections.Concurrent;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Details;

/// <summary>
/// Plan details in this process's memory: for the in-memory engine, whose plans live as long as the process does.
/// Values are copied in and out, so callers never share an instance with the store.
/// </summary>
public sealed class InMemoryPlanDetailStore : IPlanDetailStore
{
    private readonly ConcurrentDictionary<string, PlanDetails> plans = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveVersionAsync(string planId, ExecutionPlan version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        ArgumentNullException.ThrowIfNull(version);
        var details = plans.GetOrAdd(planId, _ => new PlanDetails());
        var copy = version.Clone();
        lock (details)
        {
            details.Versions[copy.Version] = copy;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SaveStepAsync(string planId, StepRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        ArgumentNullException.ThrowIfNull(record);
        var details = plans.GetOrAdd(planId, _ => new PlanDetails());
        var copy = record with { ResolvedParameters = record.ResolvedParameters?.DeepClone().AsObject() };
        lock (details)
        {
            details.Steps[copy.StepId] = copy;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PlanDetails> ReadAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        var copy = new PlanDetails();
        if (plans.TryGetValue(planId, out var details))
        {
            lock (details)
            {
                foreach (var (number, version) in details.Versions)
                {
                    copy.Versions[number] = version.Clone();
                }

                foreach (var (id, record) in details.Steps)
                {
                    copy.Steps[id] = record with { ResolvedParameters = record.ResolvedParameters?.DeepClone().AsObject() };
                }
            }
        }

        return Task.FromResult(copy);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        plans.TryRemove(planId, out _);
        return Task.CompletedTask;
    }
}
