
namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>The plan API scenarios with a model, on the Azure Storage engine: the same observable results as in memory.</summary>
public sealed class PlansApiModelAzureStorageTests(AzureStorageModelServerFixture fixture) : PlansApiModelTests(fixture), IClassFixture<AzureStorageModelServerFixture>;
