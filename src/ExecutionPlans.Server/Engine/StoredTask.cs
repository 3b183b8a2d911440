namespace ExecutionPlans.Server.Engine;

/// <summary>What the stored history of one orchestration execution says about one of its tasks.</summary>
/// <param name="ExecutionStored">Whether the execution's first episode has been stored.</param>
/// <param name="ExecutionEnded">Whether the execution has completed, failed or been terminated.</param>
/// <param name="ScheduledAt">When the stored <c>TaskScheduled</c> event with the task's id was made, if there is one.</param>
/// <param name="Finished">Whether a result (<c>TaskCompleted</c> or <c>TaskFailed</c>) of the task has been stored.</param>
internal sealed record StoredTask(bool ExecutionStored, bool ExecutionEnded, DateTime? ScheduledAt, bool Finished);
