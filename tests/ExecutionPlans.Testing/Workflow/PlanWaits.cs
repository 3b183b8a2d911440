using System.Runtime.CompilerServices;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Testing;

/// <summary>
/// Polls until a condition holds. The deadline only turns a hang into a failure with the last state seen;
/// no test asserts how long anything took.
/// </summary>
public static class PlanWaits
{
    /// <summary>How long a condition may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Reads the plan until <paramref name="condition"/> holds.</summary>
    public static async Task<PlanView> WaitForAsync(
        this PlanService plans,
        string id,
        Func<PlanView, bool> condition,
        [CallerArgumentExpression(nameof(condition))] string? what = null)
    {
        var view = await WaitAsync(
            () => plans.GetAsync(id),
            view => view is not null && condition(view),
            view => $"plan {id} to satisfy '{what}'; last view: {(view is null ? "none" : JsonSerializer.Serialize(view))}");
        return view!;
    }

    /// <summary>Reads the plan until it has ended (completed, failed or cancelled).</summary>
    public static Task<PlanView> WaitForEndAsync(this PlanService plans, string id) =>
        plans.WaitForAsync(id, view => view.Status.IsFinal(), "the plan has ended");

    /// <summary>Reads the orchestration until its runtime status is <paramref name="status"/>.</summary>
    public static async Task<OrchestrationMetadata> WaitForRuntimeStatusAsync(this DurableTaskClient client, string id, OrchestrationRuntimeStatus status) =>
        (await WaitAsync(
            () => client.GetInstanceAsync(id),
            metadata => metadata?.RuntimeStatus == status,
            metadata => $"instance {id} to be {status}; it is {metadata?.RuntimeStatus.ToString() ?? "missing"}"))!;

    private static Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, Func<T, string> describe) =>
        Poll.UntilAsync(read, condition, (value, _) => $"Gave up waiting for {describe(value)}", Deadline);
}
