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

    public static void Cost(BenchmarkOptions options, IReadOnlyList<EngineCostMeasurement> measurements)
    {
        var measured = measurements.Where(m => m.Run > 0).ToList();
        double Median(string name, int steps) => Statistics.Of(measured.Where(m => m.Case == name && m.Steps == steps).Select(m => m.PerStepMs)).Median;
        double MedianTotal(string name) => Statistics.Of(measured.Where(m => m.Case == name).Select(m => m.TotalMs)).Median;

        Console.WriteLine();
        Console.WriteLine(Invariant($"Engine cost in process, engine {options.Engine}, {options.Runs} rounds (ms per step; medians)"));
        Console.WriteLine($"{"case",-36} {"min",9} {"median",9} {"max",9}");
        foreach (var group in measured.GroupBy(m => (m.Case, m.Steps)))
        {
            var perStep = group.Key.Case.EndsWith("chain", StringComparison.Ordinal);
            var label = Invariant($"{group.Key.Case} × {group.Key.Steps}{(perStep ? " (per step)" : " (total)")}");
            Console.WriteLine($"{label,-36} {Statistics.Of(group.Select(m => perStep ? m.PerStepMs : m.TotalMs)).Format("0.00")}");
        }

        var plan10 = Median("plan_chain", 10);
        var plan100 = Median("plan_chain", 100);
        var bare100 = Median("bare_chain", 100);
        var criticalPath = options.StepDelay.TotalMilliseconds;
        Console.WriteLine(Invariant($"plan per step, 100 steps / 10 steps:   {plan100 / plan10:0.00}×"));
        Console.WriteLine(Invariant($"plan per step / bare per activity, 100: {plan100 / bare100:0.00}×"));
        Console.WriteLine(Invariant($"plan per step / bare per activity, 10:  {plan10 / Median("bare_chain", 10):0.00}×"));
        Console.WriteLine(Invariant($"20 parallel steps / critical path:      {MedianTotal("plan_fan_out") / criticalPath:0.00}× (bare fan-out {MedianTotal("bare_fan_out") / criticalPath:0.00}×)"));
        Console.WriteLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
