using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

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
        var settings = new (string Name, ServerSettings Settings)[]
        {
            ("defaults", BenchmarkServer.Settings(options)),
            (LimitedSetting, BenchmarkServer.Settings(options).With("DurableTask__MaxConcurrentActivities", "2")),
        };
        foreach (var (name, serverSettings) in settings)
        {
            await using var server = await ServerProcess.StartAsync(serverSettings, serverDll);
            Progress.Say($"Parallel throughput ({name}): server on {server.BaseAddress} ({options.Engine})");
            var client = server.Api;

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
        var paths = Enumerable.Range(0, options.Plans).Select(i => $"/throughput-{run}-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var path in paths)
        {
            endpoint.Delay(path, options.StepDelay);
        }

        var arrivals = paths.Select(endpoint.ArrivalOf).ToList();
        var answers = paths.Select(endpoint.AnswerOf).ToList();
        var timeout = TimeSpan.FromSeconds(60) + (options.StepDelay * options.Plans * 2);
        endpoint.ResetCounters();

        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var ids = (await Task.WhenAll(paths.Select(path => client.CreateAsync(StepPlans.OneCall(endpoint.Url(path), requireApproval: false))))).Select(view => view.Id).ToList();
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
            var views = await Task.WhenAll(remaining.Select(client.GetViewAsync));
            var seen = Stopwatch.GetTimestamp();
            foreach (var view in views)
            {
                if (view.Status == PlanStatus.Completed)
                {
                    remaining.Remove(view.Id);
                }
                else if (view.Status.IsFinal())
                {
                    throw new InvalidOperationException($"Plan {view.Id} ended {view.Status.ToWireName()}: {view.Error}");
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
