using DurableTask.Core;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Sets the concurrency the dispatchers see. The in-memory engine as packaged reports the processor count,
/// and its dispatcher sleeps 500 ms whenever that many work items run: on two cores, 20 parallel 200 ms
/// steps took 5 s instead of 0.2 s. Everything else is passed through.
/// </summary>
internal sealed class ConcurrencyLimitedOrchestrationService(
    IOrchestrationService inner,
    int maxConcurrentOrchestrations,
    int maxConcurrentActivities) : DelegatingOrchestrationService(inner)
{
    public override int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentOrchestrations;

    public override int MaxConcurrentTaskActivityWorkItems => maxConcurrentActivities;
}
