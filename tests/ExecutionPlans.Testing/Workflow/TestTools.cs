using System.Collections.Concurrent;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Testing;

/// <summary>
/// The tools the test host's catalog holds, and what the tests see of them: which messages were echoed, and
/// gates that keep the <c>block</c> tool running until a test releases it.
/// </summary>
public sealed class TestTools
{
    public const string Echo = "echo";
    public const string Fail = "fail";
    public const string Block = "block";
    public const string BigOutput = "big_output";
    public const int BigOutputChars = 100 * 1024;
    public const string FailureMessage = "The tool failed on demand.";

    private readonly ConcurrentQueue<string> echoed = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> entered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> released = new(StringComparer.Ordinal);

    /// <summary>Every message the echo tool received, in order.</summary>
    public IReadOnlyCollection<string> Echoed => echoed;

    public IEnumerable<PlanTool> Create() =>
    [
        PlanTool.Create(
            (string message) =>
            {
                echoed.Enqueue(message);
                return $"echo: {message}";
            },
            Echo,
            "Returns the message."),
        PlanTool.Create(
            string (bool fail) => fail ? throw new InvalidOperationException(FailureMessage) : "did not fail",
            Fail,
            "Fails when asked to."),
        PlanTool.Create(
            async (string key) =>
            {
                Signal(entered, key).TrySetResult();
                await Signal(released, key).Task;
                return $"released {key}";
            },
            Block,
            "Runs until the test releases the key."),
        PlanTool.Create(() => new string('x', BigOutputChars), BigOutput, "Returns 100 KB of text."),
    ];

    /// <summary>Waits until the block tool runs with <paramref name="key"/>.</summary>
    public Task WaitUntilBlockedAsync(string key) => Signal(entered, key).Task.WaitAsync(PlanWaits.Deadline);

    /// <summary>Lets the block tool running with <paramref name="key"/> return.</summary>
    public void Release(string key) => Signal(released, key).TrySetResult();

    /// <summary>Releases every gate, so a host can stop even after a failed test.</summary>
    public void ReleaseAll()
    {
        foreach (var gate in released.Values)
        {
            gate.TrySetResult();
        }
    }

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string key) =>
        signals.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
