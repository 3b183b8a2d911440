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
        Server = await ServerProcess.StartAsync(ServerSettings.For(Engine));
    }

    public async Task DisposeAsync()
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
}
