
namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>The plan API scenarios on the in-memory engine.</summary>
public sealed class PlansApiInMemoryTests(InMemoryServerFixture fixture) : PlansApiTests(fixture), IClassFixture<InMemoryServerFixture>;
