namespace ExecutionPlans.Testing;

/// <summary>How a server process ended after it was asked to stop.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Elapsed">From the signal to the exit.</param>
public sealed record ServerExit(int ExitCode, TimeSpan Elapsed);
