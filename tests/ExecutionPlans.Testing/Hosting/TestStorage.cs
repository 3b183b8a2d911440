namespace ExecutionPlans.Testing;

/// <summary>The Azure Storage emulator the test run provides.</summary>
public static class TestStorage
{
    /// <summary>The environment variable <c>./test.sh</c> sets to the emulator's connection string.</summary>
    public const string VariableName = "EXECUTIONPLANS_TEST_STORAGE";

    /// <summary>The emulator's connection string; throws, never skips, when the run has none.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{VariableName} is not set, so there is no Azure Storage emulator for the AzureStorage engine. Run the tests with " +
                $"./test.sh (it starts Azurite and sets {VariableName}), or start Azurite yourself as test.sh does and set " +
                $"{VariableName} to its connection string.");
}
