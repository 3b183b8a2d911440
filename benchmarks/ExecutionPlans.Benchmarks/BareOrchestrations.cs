using Microsoft.DurableTask;

namespace ExecutionPlans.Benchmarks;

/// <summary>The bare engine's side of the comparison: plain orchestrations of no-op or sleeping activities.</summary>
internal static class BareOrchestrations
{
    private const string NoOp = "NoOp";
    private const string Sleep = "Sleep";

    /// <summary>Registers the orchestrations and activities beside the plan workflow's.</summary>
    public static DurableTaskRegistry AddBareTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int>(nameof(Chain), Chain)
        .AddOrchestratorFunc<FanOut, int>(nameof(Fan), Fan)
        .AddActivityFunc<int, int>(NoOp, (_, value) => value)
        .AddActivityFunc<int, int>(Sleep, async (_, milliseconds) =>
        {
            await Task.Delay(milliseconds);
            return milliseconds;
        });

    /// <summary><paramref name="count"/> no-op activities, one after another.</summary>
    private static async Task<int> Chain(TaskOrchestrationContext context, int count)
    {
        var sum = 0;
        for (var index = 0; index < count; index++)
        {
            sum += await context.CallActivityAsync<int>(NoOp, index);
        }

        return sum;
    }

    /// <summary>Sleeping activities, all at once.</summary>
    private static async Task<int> Fan(TaskOrchestrationContext context, FanOut input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input.Count).Select(_ => context.CallActivityAsync<int>(Sleep, input.Milliseconds)));
        return results.Length;
    }

    /// <summary>How many activities sleep, and for how long.</summary>
    internal sealed record FanOut(int Count, int Milliseconds);
}
