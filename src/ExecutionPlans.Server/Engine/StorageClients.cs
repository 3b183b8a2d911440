using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// The storage clients of the engine's two sides. The engine's own loops keep the SDK's patient retries (four tries over
/// about six seconds), which its work survives. The API's calls (start, read, raise an event, query, purge) get a
/// short budget instead, so that a request during an outage is answered 503 in about a second, not after six.
/// </summary>
internal static class StorageClients
{
    /// <summary>How often an API call tries again, and the first wait between tries (doubling up to a second).</summary>
    public const int CallerRetries = 2;

    public static readonly TimeSpan CallerFirstDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one try of an API call may wait for the storage before it gives up on it.</summary>
    public static readonly TimeSpan CallerNetworkTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The clients of the API's calls: the same account with a short retry budget.</summary>
    public static StorageAccountClientProvider ForCallers(string connectionString) => new(
        StorageServiceClientProvider.ForBlob(connectionString, Quick(new BlobClientOptions())),
        StorageServiceClientProvider.ForQueue(connectionString, Quick(new QueueClientOptions())),
        StorageServiceClientProvider.ForTable(connectionString, Quick(new TableClientOptions())));

    private static T Quick<T>(T options)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = CallerRetries;
        options.Retry.Delay = CallerFirstDelay;
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = CallerNetworkTimeout;
        return options;
    }
}
