using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server with a scripted model on the in-memory engine.</summary>
public sealed class InMemoryModelServerFixture : ModelServerFixture
{
    internal override ServerEngine Engine => ServerEngine.InMemory;
}
