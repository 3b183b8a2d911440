namespace ExecutionPlans.Testing;

/// <summary>A server process did not come up; the message carries its output.</summary>
public sealed class ServerStartException(string message) : Exception(message);
