using ExecutionPlans.Server.Engine;
using Grpc.Core;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Server;

/// <summary>
/// Asks the engine for an instance that never exists, the cheapest call that goes all the way through the sidecar to
/// the storage (one point read on Azure Storage), so the health endpoint reports what the API would meet.
/// </summary>
internal sealed class EngineProbe(DurableTaskClient client, DurableEngine engine)
{
    /// <summary>The longest the probe waits for an answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // Plan ids are 32 hex digits, so no plan is ever found under this one.
    private const string ProbeInstanceId = "health-probe";

    /// <summary>Why the engine cannot serve the API now, or null when it can.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, timeout.Token);
            return null;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable)
        {
            return StorageUnavailableHandler.Unavailable(engine.Description, exception.Status.Detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StorageUnavailableHandler.Unavailable(engine.Description, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}
