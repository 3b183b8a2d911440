using Azure.Data.Tables;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Reliability.Tests;

/// <summary>One row of a task hub's partition table: which server holds a partition, and since when.</summary>
/// <param name="Partition">The partition (its control queue's name).</param>
/// <param name="Owner">The worker id of the server that holds it, if any.</param>
/// <param name="OwnedSince">When that server claimed it.</param>
/// <param name="LastRenewal">When that server last renewed its claim.</param>
internal sealed record PartitionLease(string Partition, string? Owner, DateTime? OwnedSince, DateTime? LastRenewal)
{
    /// <summary>
    /// Whether the claim has been renewed since it was made: a claim runs for a minute, a renewal for the lease interval,
    /// so only then does a server that dies give the partition up within the lease interval.
    /// </summary>
    public bool Renewed => LastRenewal > OwnedSince;
}

/// <summary>Reads the partition table (<c>&lt;TaskHub&gt;Partitions</c>) the Azure Storage provider keeps its leases in.</summary>
internal static class TaskHubPartitions
{
    public static async Task<IReadOnlyList<PartitionLease>> ReadAsync(string taskHub)
    {
        var table = new TableClient(TestStorage.ConnectionString, taskHub + "Partitions");
        var leases = new List<PartitionLease>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            leases.Add(new PartitionLease(row.RowKey, row.GetString("CurrentOwner"), row.GetDateTime("OwnedSince"), row.GetDateTime("LastRenewal")));
        }

        return leases;
    }
}
