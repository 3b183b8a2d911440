using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Engine;

/// <summary>
/// The SDK behaviour the server's engine adapter relies on: the worker drops a silent work-item stream after its
/// silent disconnect timeout (120 s in the SDK), and a timeout of zero keeps it open. Simulated with a short timeout.
/// </summary>
public sealed class WorkerStreamTests
{
    /// <summary>What the SDK's gRPC worker logs when it drops a silent stream.</summary>
    private const string SilentDisconnect = "stopped receiving traffic";

    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Worker_ShortSilentDisconnectTimeout_DropsTheIdleStream()
    {
        // Arrange
        var settings = WithWorkerLogs(ServerSettings.InMemory()).With("DurableTask__WorkerSilentDisconnectTimeout", ShortTimeout.ToString());

        // Act
        await using var server = await ServerProcess.StartAsync(settings);

        // Assert: if this fails, the SDK no longer drops silent streams as the adapter assumes (or logs it otherwise).
        await Poll.UntilAsync(
            () => server.Output.Contains(SilentDisconnect, StringComparison.Ordinal) ? server.Output : null,
            limit => $"The worker did not drop its idle stream within {limit.TotalSeconds:0} s with a {ShortTimeout.TotalSeconds:0} s timeout. Output:\n{server.Output}",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Worker_DefaultSettings_KeepsTheIdleStreamOpen()
    {
        // Arrange
        await using var server = await ServerProcess.StartAsync(WithWorkerLogs(ServerSettings.InMemory()));

        // Act: stay idle for several times the short timeout above.
        await Task.Delay(ShortTimeout * 4);

        // Assert
        Assert.DoesNotContain(SilentDisconnect, server.Output, StringComparison.Ordinal);
        Assert.Contains("streaming connection established", server.Output, StringComparison.Ordinal);
    }

    private static ServerSettings WithWorkerLogs(ServerSettings settings) => settings.With("Logging__LogLevel__Microsoft.DurableTask", "Debug");
}
