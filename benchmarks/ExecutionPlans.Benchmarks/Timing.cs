using System.Diagnostics;

namespace ExecutionPlans.Benchmarks;

/// <summary>Milliseconds between <see cref="Stopwatch"/> timestamps, rounded to 0.1 ms.</summary>
internal static class Timing
{
    public static double Milliseconds(long from, long to) => Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 1);
}
