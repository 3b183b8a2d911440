namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>How a command of <see cref="ChildProcess"/> ended and what it printed.</summary>
public sealed record ChildResult(string Command, int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    /// <summary>Everything it printed, for failure messages.</summary>
    public string Printed => $"'{Command}' exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s. It printed:\n{Output}\n{Errors}";

    /// <summary>The lines it wrote to standard output, without the empty ones.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>This result, when the command exited with 0.</summary>
    /// <exception cref="InvalidOperationException">It did not.</exception>
    public ChildResult EnsureSucceeded() => ExitCode == 0 ? this : throw new InvalidOperationException(Printed);
}
