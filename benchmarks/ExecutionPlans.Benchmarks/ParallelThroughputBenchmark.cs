using System.Diagnostics;

namespace ExecutionPlans.Benchmarks;

/// <summary>
/// Parallel throughput: many plans started at once, each with one step whose call takes a while, run without
/// approval; measured until every plan is completed. Once with the server's defaults, once with few activity slots.
/// </summary>
internal sealed class ParallelThroughputBenchmark(BenchmarkOptions options, string serverDll, StepEndpoint endpoint)
{
    public const string LimitedSetting = "MaxConcurrentActivities=2";

    public async Task<List<ThroughputMeasurement>> RunAsync()
    {
        var measurements = new List<ThroughputMeasurement>();
        var settings = new (string Name, Dictionary<string, string> Environment)[]
        {
            ("defaults", []),
            (LimitedSetting, new() { ["DurableTask__MaxConcurrentActivities"] = "2" }),
        };
        foreach (var (name, environment) in settings)
        {
            await using var server = await ServerProcess.StartAsync(serverDll, $"throughput-{options.Engine}", ServerSettings.For(options, environment));
            Progress.Say($"Parallel throughput ({name}): server on {server.BaseAddress} ({options.Engine}), log {server.LogPath}");
            using var client = new PlansClient(server.BaseAddress);

            // A first round JIT-compiles the server's paths; it is reported but left out of the figures.
            for (var run = 0; run <= options.Runs; run++)
            {
                measurements.Add(await MeasureAsync(client, name, run));
            }
        }

        return measurements;
    }

    private async Task<ThroughputMeasurement> MeasureAsync(PlansClient client, string setting, int run)
    {
        var keys = Enumerable.Range(0, options.Plans).Select(i => $"throughput-{run}-{i}-{Guid.NewGuid():N}").ToList();
        var arrivals = keys.Select(endpoint.Arrival).ToList();
        var answers = keys.Select(endpoint.Answer).ToList();
        var timeout = TimeSpan.FromSeconds(60) + (options.StepDelay * options.Plans * 2);
        endpoint.ResetCounters();

        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var ids = await Task.WhenAll(keys.Select(key => client.CreateAsync(endpoint.UrlFor(key, options.StepDelay), requireApproval: false)));
        var created = Stopwatch.GetTimestamp();
        var stepsDone = (await Task.WhenAll(answers).WaitAsync(timeout)).Max();
        var arrived = await Task.WhenAll(arrivals);
        var completed = await WaitUntilCompletedAsync(client, ids, timeout);

        var measurement = new ThroughputMeasurement(
            "parallel_throughput",
            options.Engine,
            setting,
            run,
            options.Plans,
            options.StepDelay.TotalMilliseconds,
            Timing.Milliseconds(started, created),
            Timing.Milliseconds(started, arrived.Min()),
            Timing.Milliseconds(started, arrived.Max()),
            Timing.Milliseconds(started, stepsDone),
            Timing.Milliseconds(started, completed),
            endpoint.MaxInFlight,
            at);
        Progress.Say($"  {setting} run {run}: step calls arrived from {measurement.FirstStepStartMs} to {measurement.LastStepStartMs} ms, all steps done {measurement.AllStepsDoneMs} ms, all completed {measurement.AllCompletedMs} ms, " +
            $"at most {measurement.MaxInFlight} calls at once");
        Report.JsonLine(measurement);
        return measurement;
    }

    /// <summary>
    /// Polls the plans not yet seen completed, all at once each round, starting only once every step's call was
    /// answered, so polling does not compete with the steps. Returns when the round that saw the last one completed
    /// came back: an upper bound, late by at most one round (a few milliseconds).
    /// </summary>
    private static async Task<long> WaitUntilCompletedAsync(PlansClient client, IEnumerable<string> ids, TimeSpan timeout)
    {
        var remaining = new List<string>(ids);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var views = await Task.WhenAll(remaining.Select(async id => (Id: id, View: await client.GetAsync(id))));
            var seen = Stopwatch.GetTimestamp();
            foreach (var (id, view) in views)
            {
                var status = PlansClient.StatusOf(view);
                if (status == "completed")
                {
                    remaining.Remove(id);
                }
                else if (status is "failed" or "cancelled")
                {
                    throw new InvalidOperationException($"Plan {id} ended {status}: {view["error"]}");
                }
            }

            if (remaining.Count == 0)
            {
                return seen;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{remaining.Count} plans were not completed within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(5);
        }
    }
}
