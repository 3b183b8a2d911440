using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.TestSupport;

/// <summary>
/// A tool whose every call runs until the test releases its key (the step's id): it tells when a call has started,
/// which token it got, and how many calls were in flight at most, so tests of parallel and cancelled steps need no clock.
/// </summary>
internal sealed class GatedTool
{
    public const string Name = "gate";

    private readonly ConcurrentDictionary<string, Call> calls = new(StringComparer.Ordinal);
    private readonly bool honourToken;
    private int inFlight;
    private int maxInFlight;
    private int started;

    /// <param name="honourToken">Whether a call stops when its token is cancelled, or runs on until released.</param>
    public GatedTool(bool honourToken = true)
    {
        this.honourToken = honourToken;
        Tool = PlanTool.Create(RunAsync, Name, "Runs until the test releases its key.");
    }

    public PlanTool Tool { get; }

    /// <summary>The most calls that were running at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>How many calls started.</summary>
    public int Calls => Volatile.Read(ref started);

    /// <summary>A step that calls the tool with its id as the key; <paramref name="dependsOn"/> null means the step before it.</summary>
    public static ExecutionStep Step(string id, List<string>? dependsOn = null)
    {
        var step = TestPlans.Step(id, Name, new JsonObject { ["key"] = id });
        step.DependsOn = dependsOn;
        return step;
    }

    /// <summary>Waits until a call with <paramref name="key"/> has started.</summary>
    public Task EnteredAsync(string key) => Get(key).Entered.Task.WaitAsync(TestPlans.Patience);

    /// <summary>Waits until the call with <paramref name="key"/> has returned or thrown.</summary>
    public Task FinishedAsync(string key) => Get(key).Finished.Task.WaitAsync(TestPlans.Patience);

    /// <summary>Whether the call with <paramref name="key"/> has returned or thrown.</summary>
    public bool HasFinished(string key) => Get(key).Finished.Task.IsCompleted;

    /// <summary>The token the call with <paramref name="key"/> received; read it once the call has started.</summary>
    public CancellationToken TokenOf(string key) => Get(key).Token;

    /// <summary>Lets the call with <paramref name="key"/> return <paramref name="output"/> ("released {key}" by default), now or when it starts.</summary>
    public void Release(string key, string? output = null) => Get(key).Gate.TrySetResult(output ?? $"released {key}");

    /// <summary>Makes the call with <paramref name="key"/> throw <see cref="InvalidOperationException"/> with <paramref name="message"/>.</summary>
    public void Fail(string key, string message) => Get(key).Gate.TrySetException(new InvalidOperationException(message));

    private async Task<string> RunAsync(string key, CancellationToken cancellationToken)
    {
        var call = Get(key);
        call.Token = cancellationToken;
        Interlocked.Increment(ref started);
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
        {
            if (Interlocked.CompareExchange(ref maxInFlight, now, seen) == seen)
            {
                break;
            }
        }

        call.Entered.TrySetResult();
        try
        {
            return honourToken ? await call.Gate.Task.WaitAsync(cancellationToken) : await call.Gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            call.Finished.TrySetResult();
        }
    }

    private Call Get(string key) => calls.GetOrAdd(key, _ => new Call());

    private sealed class Call
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; set; }
    }
}
