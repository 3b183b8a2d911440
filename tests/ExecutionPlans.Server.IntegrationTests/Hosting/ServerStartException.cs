namespace ExecutionPlans.Server.IntegrationTests.Hosting;

/// <summary>A server process did not come up; the message carries its output.</summary>
internal sealed class ServerStartException(string message) : Exception(message);
