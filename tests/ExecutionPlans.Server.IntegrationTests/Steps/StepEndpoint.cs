using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Server.IntegrationTests.Steps;

/// <summary>
/// What plan steps call through the <c>http_request</c> tool: a Kestrel server on 127.0.0.1 and a dynamic port that
/// records every call and answers 200 with <c>{"path", "call", "callId"}</c>. A path can be told to answer late,
/// to answer 500, or to wait until it is released.
/// </summary>
internal sealed class StepEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<StepCall> calls = new();
    private readonly ConcurrentDictionary<string, int> callCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new(StringComparer.Ordinal);
    private WebApplication? app;

    private StepEndpoint()
    {
    }

    /// <summary>The endpoint's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every call so far, oldest first.</summary>
    public IReadOnlyList<StepCall> Calls => [.. calls];

    /// <summary>Starts an endpoint.</summary>
    public static async Task<StepEndpoint> StartAsync()
    {
        var endpoint = new StepEndpoint();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        endpoint.app = builder.Build();
        endpoint.app.Run(endpoint.AnswerAsync);
        await endpoint.app.StartAsync();
        var address = endpoint.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.BaseAddress = new Uri(address + "/");
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

    /// <summary>Waits until <paramref name="path"/> has been called <paramref name="count"/> times, and returns that call.</summary>
    public async Task<StepCall> WaitForCallAsync(string path, int count = 1, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TimeSpan.FromSeconds(60);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var seen = CallsTo(path);
            if (seen.Count >= count)
            {
                return seen[count - 1];
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException(
                    $"{path} was called {seen.Count} times within {limit.TotalSeconds:0} s, not {count}. All calls: " +
                    string.Join(", ", Calls.Select(call => $"{call.Path}#{call.Number}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var path in holds.Keys)
        {
            Release(path);
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var number = callCounts.AddOrUpdate(path, 1, (_, count) => count + 1);
        var call = new StepCall(path, number, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
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
        await context.Response.WriteAsJsonAsync(new { path, call = number, callId = call.CallId }, context.RequestAborted);
    }
}
