using System.Text.Json.Nodes;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Benchmarks;

/// <summary>The plans the benchmarks submit.</summary>
internal static class StepPlans
{
    /// <summary>The body of <c>POST /api/plans</c> for a plan of one GET to <paramref name="url"/>.</summary>
    public static string OneCall(string url, bool requireApproval) =>
        TestPlans.CreateRequest(TestPlans.HttpPlan("Benchmark: one call to the benchmark's endpoint", ("call", url)), requireApproval);
}
