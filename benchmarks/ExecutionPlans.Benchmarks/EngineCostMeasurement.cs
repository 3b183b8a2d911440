namespace ExecutionPlans.Benchmarks;

/// <summary>One orchestration of the engine-cost scenario, timed in the benchmark's own process.</summary>
/// <param name="Benchmark">Always <c>engine_cost</c>.</param>
/// <param name="Engine">The engine.</param>
/// <param name="Case">What ran: <c>plan_chain</c>, <c>bare_chain</c>, <c>plan_fan_out</c> or <c>bare_fan_out</c>.</param>
/// <param name="Run">The round's number; 0 is the warm-up (left out of the figures).</param>
/// <param name="Steps">How many steps (or activities) it had.</param>
/// <param name="StepMs">How long each step's tool (or activity) takes; 0 for no-op.</param>
/// <param name="TotalMs">From just before scheduling until the orchestration was seen completed.</param>
/// <param name="PerStepMs">The total divided by the steps (for chains).</param>
/// <param name="At">When the orchestration started (UTC).</param>
internal sealed record EngineCostMeasurement(
    string Benchmark,
    string Engine,
    string Case,
    int Run,
    int Steps,
    int StepMs,
    double TotalMs,
    double PerStepMs,
    DateTimeOffset At);
