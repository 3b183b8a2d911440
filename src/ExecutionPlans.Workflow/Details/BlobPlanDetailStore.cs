using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Details;

/// <summary>
/// Plan details as blobs in one container of the app's storage account (Azurite locally): one blob per version,
/// <c>{plan}/versions/{n}.json</c>, and one per step, <c>{plan}/steps/{step}.json</c>, each replaced by the next
/// write. Reading a plan lists its blobs and downloads them, a few at a time.
/// </summary>
public sealed class BlobPlanDetailStore : IPlanDetailStore
{
    private const int ParallelDownloads = 8;
    private readonly BlobContainerClient container;
    private readonly Lazy<Task> created;

    /// <summary>Creates the store; the container is created on first use.</summary>
    /// <param name="container">The container to keep details in.</param>
    public BlobPlanDetailStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
        created = new Lazy<Task>(() => container.CreateIfNotExistsAsync());
    }

    /// <inheritdoc />
    public Task SaveVersionAsync(string planId, ExecutionPlan version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        ArgumentNullException.ThrowIfNull(version);
        return UploadAsync(VersionBlob(planId, version.Version), JsonSerializer.SerializeToUtf8Bytes(version), cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveStepAsync(string planId, StepRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        ArgumentNullException.ThrowIfNull(record);
        return UploadAsync(StepBlob(planId, record.StepId), JsonSerializer.SerializeToUtf8Bytes(record), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PlanDetails> ReadAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        var details = new PlanDetails();
        var names = await ListAsync(planId, cancellationToken);

        var contents = new (string Name, BinaryData? Content)[names.Count];
        await Parallel.ForAsync(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken }, async (index, token) =>
            contents[index] = (names[index], await DownloadAsync(names[index], token)));

        foreach (var (name, content) in contents)
        {
            if (content is null)
            {
                continue;
            }

            if (name.Contains("/versions/", StringComparison.Ordinal))
            {
                var version = content.ToObjectFromJson<ExecutionPlan>()!;
                details.Versions[version.Version] = version;
            }
            else
            {
                var record = content.ToObjectFromJson<StepRecord>()!;
                details.Steps[record.StepId] = record;
            }
        }

        return details;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(planId);
        var names = await ListAsync(planId, cancellationToken);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken }, async (name, token) =>
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: token));
    }

    private async Task<List<string>> ListAsync(string planId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = planId + "/" }, cancellationToken))
            {
                names.Add(blob.Name);
            }
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // Nothing was ever saved in this account.
        }

        return names;
    }

    private static string VersionBlob(string planId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{planId}/versions/{version}.json");

    // Step ids may hold characters a blob name treats specially ('/', '\', '.'), so the name carries them escaped.
    private static string StepBlob(string planId, string stepId) =>
        $"{planId}/steps/{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(stepId))}.json";

    private async Task UploadAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        await created.Value;
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
    }

    private async Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // Listed, then replaced or deleted before the download: nothing to read.
            return null;
        }
    }
}
