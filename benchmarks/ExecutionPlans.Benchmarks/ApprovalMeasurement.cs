namespace ExecutionPlans.Benchmarks;

/// <summary>One approval: how long the approve call took, and how long until the step's HTTP call arrived.</summary>
/// <param name="Benchmark">Always <c>approval_latency</c>.</param>
/// <param name="Engine">The server's engine.</param>
/// <param name="Run">The run's number; 0 is the warm-up (no idle, left out of the figures).</param>
/// <param name="IdleSeconds">How long nothing happened before the approval.</param>
/// <param name="ApproveCallMs">From just before sending the approve request to its 202.</param>
/// <param name="StepStartMs">From just before sending the approve request to the step's call arriving at the endpoint.</param>
/// <param name="PlanId">The plan.</param>
/// <param name="At">When the approval was sent (UTC).</param>
internal sealed record ApprovalMeasurement(
    string Benchmark,
    string Engine,
    int Run,
    double IdleSeconds,
    double ApproveCallMs,
    double StepStartMs,
    string PlanId,
    DateTimeOffset At);
