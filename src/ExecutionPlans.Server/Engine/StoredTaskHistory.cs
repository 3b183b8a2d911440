using Azure.Data.Tables;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Reads, from the history table the Azure Storage provider writes (<c>&lt;TaskHub&gt;History</c>: one partition per
/// instance, one row per history event, the event's fields as columns, its <c>Timestamp</c> as <c>_Timestamp</c>),
/// the few rows that tell whether one task was scheduled and has finished. One query for a handful of small rows,
/// where the provider's own history read would fetch every event with its inputs and results.
/// </summary>
internal sealed class StoredTaskHistory(TableClient history)
{
    private static readonly string[] Columns = ["EventType", "_Timestamp"];

    /// <summary>The history of a task hub on the storage account of a connection string.</summary>
    public static StoredTaskHistory For(string storageConnectionString, string taskHub) =>
        new(new TableServiceClient(storageConnectionString).GetTableClient(taskHub + "History"));

    /// <summary>
    /// Whether the provider stores this instance's history under its id as is: it escapes a few characters in
    /// partition keys, which the ids the service makes (32 hex digits) never have.
    /// </summary>
    public static bool CanRead(string instanceId) =>
        instanceId.All(c => c is not ('^' or '/' or '\\' or '#' or '?') && !char.IsControl(c));

    /// <summary>What the stored history of an execution says about one of its tasks.</summary>
    public async Task<StoredTask> FindAsync(string instanceId, string executionId, int taskId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and ExecutionId eq {executionId} and (EventType eq {"ExecutionStarted"} or EventType eq {"ExecutionCompleted"} or EventType eq {"ExecutionTerminated"} or (EventType eq {"TaskScheduled"} and EventId eq {taskId}) or ((EventType eq {"TaskCompleted"} or EventType eq {"TaskFailed"}) and TaskScheduledId eq {taskId}))");
        var stored = new StoredTask(ExecutionStored: false, ExecutionEnded: false, ScheduledAt: null, Finished: false);
        await foreach (var row in history.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            stored = row.GetString("EventType") switch
            {
                "ExecutionStarted" => stored with { ExecutionStored = true },
                "ExecutionCompleted" or "ExecutionTerminated" => stored with { ExecutionEnded = true },
                "TaskScheduled" => stored with { ScheduledAt = row.GetDateTime("_Timestamp") },
                _ => stored with { Finished = true },
            };
        }

        return stored;
    }
}
