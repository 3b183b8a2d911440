namespace ExecutionPlans.Server.Engine;

/// <summary>What the engine is, without secrets.</summary>
/// <param name="Kind">The engine.</param>
/// <param name="TaskHub">The task hub.</param>
/// <param name="Storage">The storage account and endpoints, for Azure Storage.</param>
internal sealed record DurableEngineDescription(DurableEngineKind Kind, string TaskHub, string? Storage);
