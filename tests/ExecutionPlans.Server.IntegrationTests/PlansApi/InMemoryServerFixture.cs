using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server on the in-memory engine.</summary>
public sealed class InMemoryServerFixture : ServerFixture
{
    internal override ServerEngine Engine => ServerEngine.InMemory;
}
