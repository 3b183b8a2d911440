using System.Security.Cryptography;
using Azure.Data.Tables;
using ExecutionPlans.Server.Engine;
using ExecutionPlans.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Reliability.Tests.Engine;

/// <summary>
/// The server's engine, in this process, running an orchestration of the test's own whose state is over what may be
/// stored: it fails at once with the reason, its step never runs, and its history holds one start and one end; where it
/// would otherwise come back again and again, writing part of its history each time. The plan workflow keeps its state
/// under the limit itself (its view budget), so only an orchestration of one's own can show this.
/// </summary>
public sealed class UnstorableStateTests
{
    private const string Orchestration = "SetsStatus";
    private const string Step = "CountsRuns";

    [Theory]
    [InlineData("AzureStorage")]
    [InlineData("InMemory")]
    public async Task Orchestration_CustomStatusOverTheLimit_FailsWithTheReasonAndRunsNothingItScheduled(string engineName)
    {
        // Arrange
        var kind = Enum.Parse<DurableEngineKind>(engineName);
        await using var engine = await EngineHost.StartAsync(kind);

        // Act: 40,000 characters are 80 KB of UTF-16, over Durable's 16 KB and over the 64 KB of an Azure Table property.
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(Orchestration, 40_000);
        var ended = await engine.WaitAsync(id);

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Failed, ended.RuntimeStatus);
        // Azure Storage keeps a failure as its text, "type: message", in the output; the in-memory engine keeps its details.
        var failure = ended.FailureDetails?.ToString() ?? ended.SerializedOutput;
        Assert.StartsWith(UnstorableStateOrchestrationService.ErrorType + ": The orchestration's state could not be stored", failure, StringComparison.Ordinal);
        Assert.Contains("its custom status is 80,004 bytes of UTF-16 JSON, over the 16,384 (16 KB)", failure, StringComparison.Ordinal);
        Assert.Null(ended.SerializedCustomStatus is "null" ? null : ended.SerializedCustomStatus);
        Assert.Equal(0, engine.Runs(id));
        if (kind == DurableEngineKind.AzureStorage)
        {
            Assert.Equal((1, 1), await engine.StoredStartsAndEndsAsync(id));
        }
    }

    [Theory]
    [InlineData("AzureStorage")]
    [InlineData("InMemory")]
    public async Task Orchestration_CustomStatusAtTheLimit_RunsItsStepAndCompletes(string engineName)
    {
        // Arrange
        var kind = Enum.Parse<DurableEngineKind>(engineName);
        await using var engine = await EngineHost.StartAsync(kind);

        // Act: 8,190 characters and two quotes are 16 KB of UTF-16 exactly.
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(Orchestration, (UnstorableStateOrchestrationService.MaxCustomStatusBytes / 2) - 2);
        var ended = await engine.WaitAsync(id);

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal(1, engine.Runs(id));
    }

    /// <summary>The server's engine with the test's orchestration and a worker and client on it.</summary>
    private sealed class EngineHost : IAsyncDisposable
    {
        private readonly DurableEngine engine;
        private readonly IHost host;
        private readonly DurableEngineOptions options;
        private readonly Dictionary<string, int> runsByInstance;

        private EngineHost(DurableEngine engine, IHost host, DurableEngineOptions options, Dictionary<string, int> runsByInstance)
        {
            this.runsByInstance = runsByInstance;
            this.engine = engine;
            this.host = host;
            this.options = options;
        }

        public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

        public static async Task<EngineHost> StartAsync(DurableEngineKind kind)
        {
            var options = new DurableEngineOptions
            {
                Engine = kind,
                TaskHub = "state" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
                WorkerId = "unstorable-state-tests",
            };
            var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning));
            var engine = await DurableEngine.StartAsync(options, kind == DurableEngineKind.AzureStorage ? TestStorage.ConnectionString : null, logging);
            var runsByInstance = new Dictionary<string, int>();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton(logging);
            builder.Services.AddLogging();
            engine.AddWorkerAndClient(builder.Services, options, tasks =>
            {
                tasks.AddOrchestratorFunc<int, string>(Orchestration, async (context, characters) =>
                {
                    context.SetCustomStatus(new string('x', characters));
                    return await context.CallActivityAsync<string>(Step, context.InstanceId);
                });
                tasks.AddActivityFunc<string, string>(Step, (_, instanceId) =>
                {
                    lock (runsByInstance)
                    {
                        runsByInstance[instanceId] = runsByInstance.GetValueOrDefault(instanceId) + 1;
                    }

                    return "ran";
                });
            });
            var host = builder.Build();
            await host.StartAsync();
            return new EngineHost(engine, host, options, runsByInstance);
        }

        public int Runs(string instanceId)
        {
            lock (runsByInstance)
            {
                return runsByInstance.GetValueOrDefault(instanceId);
            }
        }

        public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                var now = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                throw new TimeoutException($"Instance {instanceId} had not ended after 60 s; it is {now?.RuntimeStatus}.");
            }
        }

        /// <summary>How many starts and ends of its execution the instance's stored history holds.</summary>
        public async Task<(int Starts, int Ends)> StoredStartsAndEndsAsync(string instanceId)
        {
            var history = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(options.TaskHub + "History");
            var (starts, ends) = (0, 0);
            await foreach (var row in history.QueryAsync<TableEntity>(row => row.PartitionKey == instanceId, select: ["EventType"]))
            {
                starts += row.GetString("EventType") == "ExecutionStarted" ? 1 : 0;
                ends += row.GetString("EventType") == "ExecutionCompleted" ? 1 : 0;
            }

            return (starts, ends);
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            await engine.DisposeAsync();
        }
    }
}
