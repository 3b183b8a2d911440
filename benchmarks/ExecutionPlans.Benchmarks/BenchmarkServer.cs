using ExecutionPlans.Testing;

namespace ExecutionPlans.Benchmarks;

/// <summary>The server a benchmark starts, and its settings.</summary>
internal static class BenchmarkServer
{
    /// <summary>The server's dll: the given path, or the build beside the benchmark (Release when the benchmark is).</summary>
    public static string Find(string? given)
    {
        if (given is null)
        {
            return ServerBinary.Path;
        }

        var full = Path.GetFullPath(given);
        return File.Exists(full) ? full : throw new FileNotFoundException($"--server: {full} does not exist.");
    }

    /// <summary>The engine, a task hub of its own (no run sees another's plans or queues), and the loopback host the steps call.</summary>
    public static ServerSettings Settings(BenchmarkOptions options) => new()
    {
        Engine = options.Engine == "AzureStorage" ? ServerEngine.AzureStorage : ServerEngine.InMemory,
        Storage = options.Engine == "AzureStorage" ? options.Storage : null,
        TaskHub = "bench" + Guid.NewGuid().ToString("N")[..16],
        AllowedHosts = ["127.0.0.1"],
    };
}
