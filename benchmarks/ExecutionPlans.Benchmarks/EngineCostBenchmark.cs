using System.Diagnostics;
using System.Security.Cryptography;
using ExecutionPlans.Model;
using ExecutionPlans.Server.Engine;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Details;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Benchmarks;

/// <summary>
/// What the plan workflow costs over the bare engine, in this process: the workflow and its own tools on the server's
/// engine classes (<see cref="DurableEngine"/>), beside plain orchestrations of the same number of no-op activities, in
/// the same rounds. Sequential plans of 10 and 100 no-op steps give the cost per step as plans grow; one plan of 20
/// independent sleeping steps gives the time against its critical path.
/// </summary>
internal sealed class EngineCostBenchmark(BenchmarkOptions options)
{
    private const string NoOpTool = "noop";
    private const string SleepTool = "sleep";
    private static readonly int[] ChainLengths = [10, 100];

    public async Task<List<EngineCostMeasurement>> RunAsync()
    {
        var engineOptions = new DurableEngineOptions
        {
            Engine = options.Engine == "AzureStorage" ? DurableEngineKind.AzureStorage : DurableEngineKind.InMemory,
            TaskHub = "bench" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            WorkerId = "bench",
        };
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        await using var engine = await DurableEngine.StartAsync(engineOptions, options.Storage, logging);
        using var host = BuildHost(engine, engineOptions, logging);
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var plans = new PlanService(client, TimeProvider.System, plannerConfigured: false, details: host.Services.GetRequiredService<IPlanDetailStore>());
            var measurements = new List<EngineCostMeasurement>();
            for (var run = 0; run <= options.Runs; run++)
            {
                Progress.Say($"Engine cost, round {run} of {options.Runs}{(run == 0 ? " (warm-up)" : string.Empty)}");
                foreach (var length in ChainLengths)
                {
                    measurements.Add(await TimeAsync(client, run, "bare_chain", length, 0, () => client.ScheduleNewOrchestrationInstanceAsync("Chain", length)));
                    measurements.Add(await TimeAsync(client, run, "plan_chain", length, 0, async () => (await plans.StartAsync(Chain(length))).Id));
                }

                var width = 20;
                var sleep = (int)options.StepDelay.TotalMilliseconds;
                measurements.Add(await TimeAsync(client, run, "bare_fan_out", width, sleep, () => client.ScheduleNewOrchestrationInstanceAsync("Fan", new BareOrchestrations.FanOut(width, sleep))));
                measurements.Add(await TimeAsync(client, run, "plan_fan_out", width, sleep, async () => (await plans.StartAsync(FanOut(width, sleep))).Id));
            }

            return measurements;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private IHost BuildHost(DurableEngine engine, DurableEngineOptions engineOptions, ILoggerFactory logging)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = options.Storage,
            ["Plans:MaxSteps"] = "100",
        });
        builder.Services.AddSingleton(logging);
        builder.Services.AddLogging(logs => logs.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        builder.Services.AddExecutionPlans(builder.Configuration).AddExecutionPlanWorkflow();
        if (engineOptions.Engine == DurableEngineKind.AzureStorage)
        {
            builder.Services.AddPlanDetailBlobs(builder.Configuration);
        }

        builder.Services.AddSingleton(PlanTool.Create(() => "ok", NoOpTool, "Does nothing."));
        builder.Services.AddSingleton(PlanTool.Create(
            async (int milliseconds) =>
            {
                await Task.Delay(milliseconds);
                return "slept";
            },
            SleepTool,
            "Sleeps."));
        engine.AddWorkerAndClient(builder.Services, engineOptions, tasks => tasks.AddBareTasks());
        return builder.Build();
    }

    private static PlanOrchestrationInput Chain(int length) => new()
    {
        Plan = new ExecutionPlan
        {
            Description = $"{length} no-op steps",
            Steps = [.. Enumerable.Range(1, length).Select(n => new ExecutionStep { Id = $"s{n}", ToolName = NoOpTool, Description = $"Step {n}" })],
        },
        RequireApproval = false,
    };

    private static PlanOrchestrationInput FanOut(int width, int milliseconds) => new()
    {
        Plan = new ExecutionPlan
        {
            Description = $"{width} independent steps of {milliseconds} ms",
            Steps = [.. Enumerable.Range(1, width).Select(n => new ExecutionStep
            {
                Id = $"s{n}",
                ToolName = SleepTool,
                Description = $"Sleep {n}",
                Parameters = new() { ["milliseconds"] = milliseconds },
                DependsOn = [],
            })],
        },
        RequireApproval = false,
        MaxParallelSteps = width,
    };

    /// <summary>
    /// Reads the orchestration every 10 ms until it has ended, for both sides alike: the Azure Storage client's own
    /// wait polls every two seconds, which would hide what is measured.
    /// </summary>
    private static async Task<OrchestrationMetadata> CompletionOfAsync(DurableTaskClient client, string id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
            if (metadata is { IsCompleted: true })
            {
                return (await client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Orchestration {id} did not end within 5 minutes.");
            }

            await Task.Delay(10);
        }
    }

    private async Task<EngineCostMeasurement> TimeAsync(DurableTaskClient client, int run, string name, int steps, int stepMs, Func<Task<string>> start)
    {
        var at = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var id = await start();
        var metadata = await CompletionOfAsync(client, id);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed
            || (name.StartsWith("plan", StringComparison.Ordinal) && metadata.ReadOutputAs<PlanView>()?.Status != PlanStatus.Completed))
        {
            throw new InvalidOperationException($"{name} of {steps} steps ended {metadata.RuntimeStatus}: {metadata.SerializedOutput}");
        }

        var measurement = new EngineCostMeasurement("engine_cost", options.Engine, name, run, steps, stepMs, elapsed, elapsed / steps, at);
        Report.JsonLine(measurement);
        return measurement;
    }
}
