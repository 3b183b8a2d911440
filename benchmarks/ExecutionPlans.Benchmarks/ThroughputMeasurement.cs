namespace ExecutionPlans.Benchmarks;

/// <summary>One round of plans started at once, each with one slow step, run without approval.</summary>
/// <param name="Benchmark">Always <c>parallel_throughput</c>.</param>
/// <param name="Engine">The server's engine.</param>
/// <param name="Setting">The server settings that differ from the defaults.</param>
/// <param name="Run">The round's number; 0 is the warm-up (left out of the figures).</param>
/// <param name="Plans">How many plans were started.</param>
/// <param name="StepDelayMs">How long the endpoint takes to answer each step's call.</param>
/// <param name="CreateMs">From just before sending the creates until every one was answered.</param>
/// <param name="FirstStepStartMs">From just before sending the creates until the first step's call arrived.</param>
/// <param name="LastStepStartMs">From just before sending the creates until the last step's call arrived.</param>
/// <param name="AllStepsDoneMs">From just before sending the creates until the endpoint answered the last step's call.</param>
/// <param name="AllCompletedMs">From just before sending the creates until every plan was seen completed.</param>
/// <param name="MaxInFlight">The most step calls in progress at once at the endpoint.</param>
/// <param name="At">When the round started (UTC).</param>
internal sealed record ThroughputMeasurement(
    string Benchmark,
    string Engine,
    string Setting,
    int Run,
    int Plans,
    double StepDelayMs,
    double CreateMs,
    double FirstStepStartMs,
    double LastStepStartMs,
    double AllStepsDoneMs,
    double AllCompletedMs,
    int MaxInFlight,
    DateTimeOffset At);
