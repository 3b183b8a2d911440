namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>The tests that share one pack of the solution (<see cref="PackedLibraries"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PackedLibrariesGroup : ICollectionFixture<PackedLibraries>
{
    public const string Name = "Packed libraries";
}
