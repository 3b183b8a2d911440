namespace ExecutionPlans.Benchmarks;

/// <summary>Where the server is, and the environment variables a benchmark starts it with.</summary>
internal static class ServerSettings
{
    private static readonly string RelativeDll = Path.Combine("src", "ExecutionPlans.Server", "bin", "Release", "net10.0", "ExecutionPlans.Server.dll");

    /// <summary>The server's dll: the given path, or the Release build found above the current or the benchmark's folder.</summary>
    public static string FindServer(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            return File.Exists(full) ? full : throw new FileNotFoundException($"--server: {full} does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativeDll);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"{RelativeDll} was not found above {Directory.GetCurrentDirectory()}. Build it first (dotnet build -c Release), or pass --server <path>.");
    }

    /// <summary>The server's settings: the engine, a task hub of its own, and the loopback host allowed for the steps.</summary>
    public static Dictionary<string, string> For(BenchmarkOptions options, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DurableTask__Engine"] = options.Engine,
            // A fresh hub per server, so no run sees another's plans or queues.
            ["DurableTask__TaskHub"] = "bench" + Guid.NewGuid().ToString("N")[..16],
            ["Tools__Http__AllowedHosts__0"] = "127.0.0.1",
        };
        if (options.Engine == "AzureStorage")
        {
            environment["AzureWebJobsStorage"] = options.Storage!;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }
}
