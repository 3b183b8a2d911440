
namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>The plan API scenarios on the Azure Storage engine: the same observable results as in memory.</summary>
public sealed class PlansApiAzureStorageTests(AzureStorageServerFixture fixture) : PlansApiTests(fixture), IClassFixture<AzureStorageServerFixture>;
