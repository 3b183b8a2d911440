using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Benchmarks;

/// <summary>
/// Approval latency after idle: a plan waits for approval, nothing happens for a while, then the approval is
/// sent; measured from just before the approve request to the step's HTTP call arriving at the endpoint.
/// </summary>
internal sealed class ApprovalLatencyBenchmark(BenchmarkOptions options, string serverDll, StepEndpoint endpoint)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public async Task<List<ApprovalMeasurement>> RunAsync()
    {
        await using var server = await ServerProcess.StartAsync(BenchmarkServer.Settings(options), serverDll);
        Progress.Say($"Approval latency: server on {server.BaseAddress} ({options.Engine})");
        var client = server.Api;

        // The first approval JIT-compiles the execution path; it is reported but left out of the figures.
        var measurements = new List<ApprovalMeasurement> { await MeasureAsync(client, 0, TimeSpan.Zero) };
        for (var run = 1; run <= options.Runs; run++)
        {
            measurements.Add(await MeasureAsync(client, run, options.Idle));
        }

        return measurements;
    }

    private async Task<ApprovalMeasurement> MeasureAsync(PlansClient client, int run, TimeSpan idle)
    {
        var path = $"/approval-{run}-{Guid.NewGuid():N}";
        var arrival = endpoint.ArrivalOf(path);
        var id = (await client.CreateAsync(StepPlans.OneCall(endpoint.Url(path), requireApproval: true))).Id;
        await client.WaitForStatusAsync(id, PlanStatus.PendingApproval);
        Progress.Say($"  run {run}: plan {id} awaits approval; idle {idle.TotalSeconds:0} s");

        // Idle: no call to the server at all, so nothing wakes its dispatchers before the approval.
        await Task.Delay(idle);
        if (arrival.IsCompleted)
        {
            throw new InvalidOperationException($"Plan {id}'s step ran before it was approved.");
        }

        var at = DateTimeOffset.UtcNow;
        var sent = Stopwatch.GetTimestamp();
        await client.DecideAcceptedAsync(id, "approve");
        var answered = Stopwatch.GetTimestamp();
        var arrived = await arrival.WaitAsync(StepTimeout);
        await client.WaitForStatusAsync(id, PlanStatus.Completed);

        var measurement = new ApprovalMeasurement(
            "approval_latency", options.Engine, run, idle.TotalSeconds, Timing.Milliseconds(sent, answered), Timing.Milliseconds(sent, arrived), id, at);
        Progress.Say($"  run {run}: approve call {measurement.ApproveCallMs} ms, step started after {measurement.StepStartMs} ms");
        Report.JsonLine(measurement);
        return measurement;
    }
}
