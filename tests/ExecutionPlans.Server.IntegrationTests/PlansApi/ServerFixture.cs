using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>One server process and one step endpoint, shared by the tests of a class; each test uses plans of its own.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    internal ServerProcess Server { get; private set; } = null!;

    internal StepEndpoint Steps { get; private set; } = null!;

    internal abstract ServerEngine Engine { get; }

    public async Task InitializeAsync()
    {
        Steps = await StepEndpoint.StartAsync();
        Server = await ServerProcess.StartAsync(await ConfigureAsync(ServerSettings.For(Engine)));
    }

    public virtual async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Steps is not null)
        {
            await Steps.DisposeAsync();
        }
    }

    /// <summary>The server's settings: the engine's own, plus what a derived fixture adds (before the server starts).</summary>
    private protected virtual Task<ServerSettings> ConfigureAsync(ServerSettings settings) => Task.FromResult(settings);
}
