using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Defaults;

/// <summary>
/// A server started with no settings at all, and one with only the loopback host allowed (the least a plan of
/// <c>http_request</c> steps needs to succeed), both otherwise on every default.
/// </summary>
public sealed class DefaultServersFixture : IAsyncLifetime
{
    internal ServerProcess Unconfigured { get; private set; } = null!;

    internal ServerProcess LoopbackAllowed { get; private set; } = null!;

    internal StepEndpoint Steps { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Steps = await StepEndpoint.StartAsync();
        var unconfigured = ServerProcess.StartAsync(ServerSettings.None);
        var loopbackAllowed = ServerProcess.StartAsync(ServerSettings.None with { AllowedHosts = ["127.0.0.1"] });
        await Task.WhenAll(unconfigured, loopbackAllowed);
        Unconfigured = await unconfigured;
        LoopbackAllowed = await loopbackAllowed;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Unconfigured, LoopbackAllowed }.Where(server => server is not null))
        {
            await server.DisposeAsync();
        }

        if (Steps is not null)
        {
            await Steps.DisposeAsync();
        }
    }
}
