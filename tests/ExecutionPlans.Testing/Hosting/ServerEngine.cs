namespace ExecutionPlans.Testing;

/// <summary>The Durable Task engine a test server runs on (the server's <c>DurableTask:Engine</c>).</summary>
public enum ServerEngine
{
    /// <summary>In memory, the server's default.</summary>
    InMemory,

    /// <summary>Azure Storage, on the test run's Azurite.</summary>
    AzureStorage,
}
