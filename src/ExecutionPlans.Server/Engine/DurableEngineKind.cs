namespace ExecutionPlans.Server.Engine;

/// <summary>Which Durable Task engine runs the workflow.</summary>
internal enum DurableEngineKind
{
    /// <summary>In memory: nothing to install, nothing survives a restart.</summary>
    InMemory,

    /// <summary>Azure Storage (Azurite or an account): the layout the Functions app uses; survives restarts.</summary>
    AzureStorage,
}
