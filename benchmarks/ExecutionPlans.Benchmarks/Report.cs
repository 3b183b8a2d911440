using System.Globalization;
using System.Text.Json;

namespace ExecutionPlans.Benchmarks;

/// <summary>Writes the tables and the JSON lines to standard output.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void JsonLine<T>(T measurement) => Console.WriteLine(JsonSerializer.Serialize(measurement, Json));

    public static void Approval(BenchmarkOptions options, IReadOnlyList<ApprovalMeasurement> measurements)
    {
        var measured = measurements.Where(m => m.Run > 0).ToList();
        Console.WriteLine();
        Console.WriteLine(Invariant($"Approval latency after {options.Idle.TotalSeconds:0} s idle, engine {options.Engine}, {measured.Count} runs (ms)"));
        Console.WriteLine($"{"",-34} {"min",9} {"median",9} {"max",9}");
        Console.WriteLine($"{"approve → step call arrives",-34} {Statistics.Of(measured.Select(m => m.StepStartMs)).Format("0.0")}");
        Console.WriteLine($"{"approve request → 202",-34} {Statistics.Of(measured.Select(m => m.ApproveCallMs)).Format("0.0")}");
        var warmup = measurements.FirstOrDefault(m => m.Run == 0);
        if (warmup is not null)
        {
            Console.WriteLine(Invariant($"(warm-up, no idle, not counted: step call after {warmup.StepStartMs:0.0} ms)"));
        }

        Console.WriteLine();
    }

    public static void Throughput(BenchmarkOptions options, IReadOnlyList<ThroughputMeasurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"Parallel throughput, engine {options.Engine}: {options.Plans} plans at once, one {options.StepDelay.TotalMilliseconds:0} ms step each, {options.Runs} rounds (s)"));
        Console.WriteLine($"{"setting",-26} {"what",-20} {"min",9} {"median",9} {"max",9} {"max in flight",14}");
        foreach (var group in measurements.Where(m => m.Run > 0).GroupBy(m => m.Setting))
        {
            var inFlight = group.Max(m => m.MaxInFlight);
            Console.WriteLine($"{group.Key,-26} {"first step call",-20} {Statistics.Of(group.Select(m => m.FirstStepStartMs / 1000)).Format("0.000")} {inFlight,14}");
            Console.WriteLine($"{"",-26} {"last step call",-20} {Statistics.Of(group.Select(m => m.LastStepStartMs / 1000)).Format("0.000")}");
            Console.WriteLine($"{"",-26} {"all steps done",-20} {Statistics.Of(group.Select(m => m.AllStepsDoneMs / 1000)).Format("0.000")}");
            Console.WriteLine($"{"",-26} {"all plans completed",-20} {Statistics.Of(group.Select(m => m.AllCompletedMs / 1000)).Format("0.000")}");
        }

        Console.WriteLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
