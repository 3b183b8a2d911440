using System.Diagnostics;
using System.Text;

namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>Runs a command to its end and keeps what it printed: <c>dotnet pack</c>, <c>dotnet build</c> and the built example.</summary>
internal static class ChildProcess
{
    // dotnet test hands its MSBuild settings (the SDK's paths, node settings) down to the tests; a dotnet command
    // started here finds its own.
    private static readonly string[] DotnetRemovedPrefixes = ["MSBUILD"];

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/>. Commands that build should pass
    /// <c>--disable-build-servers</c>: a build server outlives the command and would hold its output open.
    /// </summary>
    public static Task<ChildResult> DotnetAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout) =>
        RunAsync("dotnet", arguments, workingDirectory, timeout, removedPrefixes: DotnetRemovedPrefixes);

    /// <summary>
    /// Runs <paramref name="file"/>. The child gets the test's environment less the variables whose names start with one
    /// of <paramref name="removedPrefixes"/>, plus <paramref name="environment"/>; past <paramref name="timeout"/> it is
    /// killed with its children and the run fails.
    /// </summary>
    public static async Task<ChildResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyCollection<string>? removedPrefixes = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (removedPrefixes?.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) == true)
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = $"{file} {string.Join(' ', start.ArgumentList)}";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{command}' did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{command}' did not end within {timeout}. It printed:\n{await output}\n{await errors}");
        }

        return new ChildResult(command, process.ExitCode, await output, await errors, watch.Elapsed);
    }
}
