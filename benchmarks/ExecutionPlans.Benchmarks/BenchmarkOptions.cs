using System.Globalization;

namespace ExecutionPlans.Benchmarks;

/// <summary>The command line, parsed.</summary>
internal sealed class BenchmarkOptions
{
    public const string StorageVariable = "EXECUTIONPLANS_TEST_STORAGE";

    public const string Usage = """
        Starts ExecutionPlans.Server as a separate process and measures it from outside (build it first: dotnet build -c Release).

        Usage: dotnet benchmarks/ExecutionPlans.Benchmarks/bin/Release/net10.0/ExecutionPlans.Benchmarks.dll [options]

          --engine InMemory|AzureStorage   the server's engine (default InMemory)
          --scenario all|approval|throughput|cost
                                           what to measure (default all); cost runs in this process, no server
          --idle <seconds>                 idle time before each approval (default 120)
          --runs <n>                       approvals measured, and throughput rounds per setting (default 5)
          --plans <n>                      plans started at once for throughput (default 20)
          --step-delay <ms>                how long each throughput step's call, and each fan-out step of cost, takes (default 200)
          --server <path>                  ExecutionPlans.Server.dll (default: the one built with the benchmark,
                                           src/ExecutionPlans.Server/bin/<configuration>/net10.0)
          --storage <connection string>    Azure Storage for --engine AzureStorage (default: $EXECUTIONPLANS_TEST_STORAGE)
          --help                           this text

        Prints a table per scenario and one JSON line (starting with '{') per measurement.
        """;

    public string Engine { get; private set; } = "InMemory";

    public string Scenario { get; private set; } = "all";

    public TimeSpan Idle { get; private set; } = TimeSpan.FromSeconds(120);

    public int Runs { get; private set; } = 5;

    public int Plans { get; private set; } = 20;

    public TimeSpan StepDelay { get; private set; } = TimeSpan.FromMilliseconds(200);

    public string? ServerPath { get; private set; }

    public string? Storage { get; private set; }

    public bool Help { get; private set; }

    public bool RunsApproval => Scenario is "all" or "approval";

    public bool RunsThroughput => Scenario is "all" or "throughput";

    public bool RunsCost => Scenario is "all" or "cost";

    public bool NeedsServer => RunsApproval || RunsThroughput;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                options.Help = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--engine":
                    options.Engine = value.ToUpperInvariant() switch
                    {
                        "INMEMORY" => "InMemory",
                        "AZURESTORAGE" => "AzureStorage",
                        _ => throw new ArgumentException($"--engine '{value}': use InMemory or AzureStorage."),
                    };
                    break;
                case "--scenario":
                    options.Scenario = value.ToLowerInvariant() is "all" or "approval" or "throughput" or "cost"
                        ? value.ToLowerInvariant()
                        : throw new ArgumentException($"--scenario '{value}': use all, approval, throughput or cost.");
                    break;
                case "--idle":
                    options.Idle = TimeSpan.FromSeconds(Number(name, value, 0));
                    break;
                case "--runs":
                    options.Runs = (int)Number(name, value, 1);
                    break;
                case "--plans":
                    options.Plans = (int)Number(name, value, 1);
                    break;
                case "--step-delay":
                    options.StepDelay = TimeSpan.FromMilliseconds(Number(name, value, 0));
                    break;
                case "--server":
                    options.ServerPath = value;
                    break;
                case "--storage":
                    options.Storage = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.Engine == "AzureStorage" && !options.Help)
        {
            options.Storage ??= Environment.GetEnvironmentVariable(StorageVariable);
            if (string.IsNullOrWhiteSpace(options.Storage))
            {
                throw new ArgumentException(
                    $"--engine AzureStorage needs --storage \"<connection string>\" or the {StorageVariable} variable. " +
                    "For Azurite, start it as benchmarks/README.md shows (the same way ./test.sh does).");
            }
        }

        return options;
    }

    private static long Number(string name, string value, long minimum) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new ArgumentException($"{name} '{value}': use a whole number of at least {minimum}.");
}
