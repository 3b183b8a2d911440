namespace ExecutionPlans.Server.IntegrationTests.Hosting;

/// <summary>How a server process ended after it was asked to stop.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Elapsed">From the signal to the exit.</param>
internal sealed record ServerExit(int ExitCode, TimeSpan Elapsed);
