using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server on the Azure Storage engine (Azurite), with a task hub of its own.</summary>
public sealed class AzureStorageServerFixture : ServerFixture
{
    internal override ServerEngine Engine => ServerEngine.AzureStorage;
}
