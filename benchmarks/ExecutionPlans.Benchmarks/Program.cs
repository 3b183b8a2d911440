using ExecutionPlans.Benchmarks;
using ExecutionPlans.Testing;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

try
{
    if (options.RunsCost)
    {
        var measurements = await new EngineCostBenchmark(options).RunAsync();
        Report.Cost(options, measurements);
    }

    if (!options.NeedsServer)
    {
        return 0;
    }

    var serverDll = BenchmarkServer.Find(options.ServerPath);
    Progress.Say($"Server: {serverDll}");
    await using var endpoint = await StepEndpoint.StartAsync();
    Progress.Say($"Step endpoint: {endpoint.BaseAddress}");

    if (options.RunsThroughput)
    {
        var measurements = await new ParallelThroughputBenchmark(options, serverDll, endpoint).RunAsync();
        Report.Throughput(options, measurements);
    }

    if (options.RunsApproval)
    {
        var measurements = await new ApprovalLatencyBenchmark(options, serverDll, endpoint).RunAsync();
        Report.Approval(options, measurements);
    }

    return 0;
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException)
{
    Console.Error.WriteLine($"Benchmark failed: {exception.Message}");
    return 1;
}
