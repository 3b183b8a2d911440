using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server with a scripted model on the Azure Storage engine (Azurite), with a task hub of its own.</summary>
public sealed class AzureStorageModelServerFixture : ModelServerFixture
{
    internal override ServerEngine Engine => ServerEngine.AzureStorage;
}
