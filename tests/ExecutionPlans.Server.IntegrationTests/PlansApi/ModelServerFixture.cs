using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server whose model is a <see cref="FakeChatCompletionServer"/> (<c>OpenAI:BaseUrl</c>), answering from each test's script.</summary>
public abstract class ModelServerFixture : ServerFixture
{
    internal FakeChatCompletionServer Model { get; private set; } = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Model is not null)
        {
            await Model.DisposeAsync();
        }
    }

    private protected override async Task<ServerSettings> ConfigureAsync(ServerSettings settings)
    {
        Model = await FakeChatCompletionServer.StartAsync();
        return settings
            .With("OpenAI__BaseUrl", Model.OpenAIBaseUrl)
            .With("OpenAI__Model", "test-model")
            .With("ModelClient__MaxRetries", "0");
    }
}
