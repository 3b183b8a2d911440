
namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>The plan API scenarios with a model, on the in-memory engine.</summary>
public sealed class PlansApiModelInMemoryTests(InMemoryModelServerFixture fixture) : PlansApiModelTests(fixture), IClassFixture<InMemoryModelServerFixture>;
