using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Testing;

/// <summary>
/// What plan steps call through the <c>http_request</c> tool: a Kestrel server on 127.0.0.1 and a dynamic port that
/// records every call and answers 200 with <c>{"path", "call", "callId"}</c>. A path can be told to answer late,
/// to answer 500, or to wait until it is released.
/// </summary>
public sealed class StepEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<StepCall> calls = new();
    private readonly ConcurrentDictionary<string, int> callCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int[] Statuses, int? RetryAfterSeconds)> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> answers = new(StringComparer.Ordinal);
    private LoopbackApp? app;
    private int inFlight;
    private int maxInFlight;

    private StepEndpoint()
    {
    }

    /// <summary>The endpoint's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress => app?.BaseAddress ?? throw new InvalidOperationException("The endpoint has not started.");

    /// <summary>Every call so far, oldest first.</summary>
    public IReadOnlyList<StepCall> Calls => [.. calls];

    /// <summary>The most calls in progress at once since the start or <see cref="ResetCounters"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>Starts an endpoint.</summary>
    public static async Task<StepEndpoint> StartAsync()
    {
        var endpoint = new StepEndpoint();
        endpoint.app = await LoopbackApp.StartAsync(web => web.Run(endpoint.AnswerAsync), shutdownTimeout: TimeSpan.FromSeconds(2));
        return endpoint;
    }

    /// <summary>A path prefix no other test uses, such as <c>/3f2a.../</c>.</summary>
    public static string NewScope() => "/" + Guid.NewGuid().ToString("N");

    /// <summary>The absolute URL of <paramref name="path"/> on this endpoint.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The calls of one path, oldest first.</summary>
    public IReadOnlyList<StepCall> CallsTo(string path) => [.. calls.Where(call => call.Path == path)];

    /// <summary>Answers <paramref name="path"/> only after <paramref name="delay"/>.</summary>
    public void Delay(string path, TimeSpan delay) => delays[path] = delay;

    /// <summary>Answers <paramref name="path"/> with 500.</summary>
    public void Fail(string path) => failures[path] = true;

    /// <summary>
    /// Answers the calls to <paramref name="path"/> with these statuses in turn, the last one for every call after
    /// them (<c>503, 503, 200</c>); failures carry <c>Retry-After</c> when <paramref name="retryAfterSeconds"/> is set.
    /// </summary>
    public void AnswerWith(string path, int[] statuses, int? retryAfterSeconds = null) => scripts[path] = (statuses, retryAfterSeconds);

    /// <summary>Holds calls of <paramref name="path"/> until <see cref="Release"/>.</summary>
    public void Hold(string path) => holds[path] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held calls of <paramref name="path"/>, and later ones, answer.</summary>
    public void Release(string path)
    {
        if (holds.TryRemove(path, out var hold))
        {
            hold.TrySetResult();
        }
    }

    /// <summary>Completes with the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the first call of <paramref name="path"/> arrived.</summary>
    public Task<long> ArrivalOf(string path) => Signal(arrivals, path).Task;

    /// <summary>Completes with the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the first call of <paramref name="path"/> was answered.</summary>
    public Task<long> AnswerOf(string path) => Signal(answers, path).Task;

    /// <summary>Starts counting <see cref="MaxInFlight"/> afresh.</summary>
    public void ResetCounters() => Volatile.Write(ref maxInFlight, Volatile.Read(ref inFlight));

    /// <summary>Waits until <paramref name="path"/> has been called <paramref name="count"/> times, and returns that call.</summary>
    public Task<StepCall> WaitForCallAsync(string path, int count = 1, TimeSpan? deadline = null) =>
        Poll.UntilAsync(
            () => CallsTo(path) is var seen && seen.Count >= count ? seen[count - 1] : null,
            limit => $"{path} was called {CallsTo(path).Count} times within {limit.TotalSeconds:0} s, not {count}. All calls: " +
                string.Join(", ", Calls.Select(call => $"{call.Path}#{call.Number}")),
            deadline);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var path in holds.Keys)
        {
            Release(path);
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private static TaskCompletionSource<long> Signal(ConcurrentDictionary<string, TaskCompletionSource<long>> signals, string path) =>
        signals.GetOrAdd(path, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AnswerAsync(HttpContext context)
    {
        Signal(arrivals, context.Request.Path.Value ?? "/").TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
        var running = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); running > seen; seen = Volatile.Read(ref maxInFlight))
        {
            if (Interlocked.CompareExchange(ref maxInFlight, running, seen) == seen)
            {
                break;
            }
        }

        try
        {
            await RespondAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            Signal(answers, context.Request.Path.Value ?? "/").TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    private async Task RespondAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var number = callCounts.AddOrUpdate(path, 1, (_, count) => count + 1);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var key = context.Request.Headers.TryGetValue("Idempotency-Key", out var idempotency) ? idempotency.ToString() : null;
        var call = new StepCall(path, number, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, body, key);
        calls.Enqueue(call);

        if (holds.TryGetValue(path, out var hold))
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        if (delays.TryGetValue(path, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        context.Response.StatusCode = failures.ContainsKey(path) ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        if (scripts.TryGetValue(path, out var script))
        {
            context.Response.StatusCode = script.Statuses[Math.Min(number, script.Statuses.Length) - 1];
            if (context.Response.StatusCode >= 300 && script.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (context.Request.Query.ContainsKey("echo"))
        {
            // Large answers on demand: the request body comes back in the answer.
            await context.Response.WriteAsJsonAsync(new { path, call = number, callId = call.CallId, echo = body }, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new { path, call = number, callId = call.CallId }, context.RequestAborted);
    }
}
