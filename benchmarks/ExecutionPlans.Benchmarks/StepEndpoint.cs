using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Benchmarks;

/// <summary>
/// The HTTP endpoint the plans' steps call, on 127.0.0.1 in the benchmark's process: <c>/step/{key}?delayMs=</c>
/// records when each call arrives (a <see cref="Stopwatch"/> timestamp), waits the delay, and answers 200.
/// </summary>
internal sealed class StepEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, StepCall> calls = new(StringComparer.Ordinal);
    private int inFlight;
    private int maxInFlight;
    private int finished;

    private StepEndpoint(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The most calls that were in progress at once since the last <see cref="ResetCounters"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>How many calls have been answered since the last <see cref="ResetCounters"/>.</summary>
    public int Finished => Volatile.Read(ref finished);

    public static async Task<StepEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        var app = builder.Build();
        StepEndpoint? endpoint = null;
        app.Map("/step/{key}", (HttpContext context, string key) => endpoint!.HandleAsync(context, key));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        endpoint = new StepEndpoint(app, address);
        return endpoint;
    }

    /// <summary>The URL a step calls; its arrival completes <see cref="Arrival"/> for the same key.</summary>
    public Uri UrlFor(string key, TimeSpan delay) =>
        new(BaseAddress, $"/step/{Uri.EscapeDataString(key)}?delayMs={(long)delay.TotalMilliseconds}");

    /// <summary>Completes with the timestamp at which the first call for the key arrived.</summary>
    public Task<long> Arrival(string key) => calls.GetOrAdd(key, _ => new StepCall()).Arrived.Task;

    /// <summary>Completes with the timestamp at which the first call for the key was answered.</summary>
    public Task<long> Answer(string key) => calls.GetOrAdd(key, _ => new StepCall()).Answered.Task;

    public void ResetCounters()
    {
        Volatile.Write(ref maxInFlight, 0);
        Volatile.Write(ref finished, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string key)
    {
        var arrived = Stopwatch.GetTimestamp();
        var call = calls.GetOrAdd(key, _ => new StepCall());
        call.Arrived.TrySetResult(arrived);
        var running = Interlocked.Increment(ref inFlight);
        UpdateMax(running);
        try
        {
            if (long.TryParse(context.Request.Query["delayMs"], NumberStyles.None, CultureInfo.InvariantCulture, out var delay) && delay > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delay), context.RequestAborted);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ok\":true}", context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref finished);
            call.Answered.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    private void UpdateMax(int running)
    {
        var seen = Volatile.Read(ref maxInFlight);
        while (running > seen)
        {
            var previous = Interlocked.CompareExchange(ref maxInFlight, running, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private sealed class StepCall
    {
        public TaskCompletionSource<long> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<long> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
