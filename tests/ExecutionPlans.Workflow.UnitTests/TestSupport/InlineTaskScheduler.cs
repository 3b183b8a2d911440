namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>
/// Runs every task it is given at once, on the thread that completes the awaited task, as the Durable
/// worker runs orchestrator code: an orchestrator's continuations then run inside the episode that
/// completed what they awaited, and only there.
/// </summary>
internal sealed class InlineTaskScheduler : TaskScheduler
{
    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => TryExecuteTask(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [];
}
