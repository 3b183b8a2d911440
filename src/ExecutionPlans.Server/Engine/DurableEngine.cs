using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// The Durable Task engine of the server: an orchestration service (in memory, or Azure Storage) behind the
/// SDK's gRPC sidecar on a private loopback port. The worker and client of the app talk to it over
/// <see cref="Channel"/>, exactly as they would to any Durable Task backend, so the workflow code is unchanged.
/// </summary>
internal sealed partial class DurableEngine : IAsyncDisposable
{
    private readonly WebApplication sidecar;
    private readonly TimeSpan shutdownTimeout;

    private DurableEngine(WebApplication sidecar, GrpcChannel channel, DurableEngineDescription description, TimeSpan shutdownTimeout)
    {
        this.sidecar = sidecar;
        Channel = channel;
        Description = description;
        this.shutdownTimeout = shutdownTimeout;
    }

    /// <summary>The channel the worker and client use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>What the engine is, for the health endpoint and logs (no secrets).</summary>
    public DurableEngineDescription Description { get; }

    /// <summary>Creates the orchestration service and starts the sidecar over it.</summary>
    public static async Task<DurableEngine> StartAsync(
        DurableEngineOptions options,
        string? storageConnectionString,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        var (service, client, description) = await CreateServiceAsync(options, storageConnectionString, loggerFactory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DurableEngine).Assembly.GetName().Name });
        // The sidecar is private: none of the app's settings (its URLs above all) apply to it.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<StorageFailureInterceptor>());
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);
        return new DurableEngine(sidecar, channel, description, options.ShutdownTimeout);
    }

    /// <summary>Stops the sidecar and the orchestration service; stop the worker first.</summary>
    public async ValueTask DisposeAsync()
    {
        // Order matters: the worker has stopped already; then the channel, then the sidecar. Any other order hangs for
        // the gRPC stream timeout. The sidecar stops the orchestration service only once its dispatchers have drained,
        // which the process does not wait for, so on Azure Storage it exits holding its partitions: another server of
        // the task hub takes them over when their lease runs out, as after a crash; a restart with the same worker id
        // takes them back at once.
        await Channel.ShutdownAsync();
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(shutdownTimeout);
        await sidecar.StopAsync(timeout.Token);
        await sidecar.DisposeAsync();
    }

    private static async Task<(IOrchestrationService Service, IOrchestrationServiceClient Client, DurableEngineDescription Description)> CreateServiceAsync(
        DurableEngineOptions options,
        string? storageConnectionString,
        ILoggerFactory loggerFactory)
    {
        if (options.Engine == DurableEngineKind.InMemory)
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            var limited = new ConcurrencyLimitedOrchestrationService(memory, options.MaxConcurrentOrchestrations, options.MaxConcurrentActivities);

            // Kept in memory, any state could be; refused as on Azure Storage and in Durable Functions, so it shows here first.
            var refusing = new UnstorableStateOrchestrationService(limited, loggerFactory.CreateLogger<UnstorableStateOrchestrationService>());
            return (refusing, memory, new DurableEngineDescription(DurableEngineKind.InMemory, options.TaskHub, null));
        }

        if (string.IsNullOrWhiteSpace(storageConnectionString))
        {
            throw new InvalidOperationException(
                "DurableTask:Engine is AzureStorage but AzureWebJobsStorage is not set. Set it to a storage connection string, " +
                "or to UseDevelopmentStorage=true for Azurite.");
        }

        AzureStorageOrchestrationServiceSettings Settings(StorageAccountClientProvider clients) => new()
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = clients,
            WorkerId = options.WorkerId,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.ActivityLockTimeout,
            ControlQueueVisibilityTimeout = options.OrchestrationLockTimeout,
            PartitionCount = options.PartitionCount,

            // The table partition manager (the provider's default, named so it stays the one): a server renews its
            // partitions every acquire interval, and one that dies leaves them to the others when the lease has run out.
            UseTablePartitionManagement = true,
            LeaseInterval = options.LeaseInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            LoggerFactory = loggerFactory,
        };
        var storage = new AzureStorageOrchestrationService(Settings(new StorageAccountClientProvider(storageConnectionString)));

        // The API's calls go through a client of their own on the same task hub, which gives up on the storage sooner.
        var callers = new AzureStorageOrchestrationService(Settings(StorageClients.ForCallers(storageConnectionString)));

        // The sidecar does not create the task hub; without this the first start fails on missing queues.
        await storage.CreateIfNotExistsAsync();
        await callers.CreateIfNotExistsAsync();

        // A decision whose messages outlive the episode that stored it (a kill in between) would reach the plan twice.
        var redelivered = new RedeliveredEventsOrchestrationService(storage, loggerFactory.CreateLogger<RedeliveredEventsOrchestrationService>());

        // An episode the storage cannot hold would come back for ever; its orchestration fails with the reason instead.
        var bounded = new UnstorableStateOrchestrationService(redelivered, loggerFactory.CreateLogger<UnstorableStateOrchestrationService>());

        // A step runs only once the episode that scheduled it is stored; without this, a kill between the provider
        // sending a step's message and storing the episode runs that step twice once the episode runs again.
        var checkpointed = new CheckpointedActivityOrchestrationService(
            bounded,
            StoredTaskHistory.For(storageConnectionString, options.TaskHub),
            TimeProvider.System,
            loggerFactory.CreateLogger<CheckpointedActivityOrchestrationService>());

        // The sidecar's dispatchers never renew a lock; without this, what a killed process had taken would wait out the
        // locks (five minutes by default) before it is handed out again, and short locks would expire under long work.
        var renewing = new LockRenewingOrchestrationService(
            checkpointed,
            options.ActivityLockTimeout / 3,
            options.OrchestrationLockTimeout / 3,
            loggerFactory.CreateLogger<LockRenewingOrchestrationService>());
        return (renewing, callers, new DurableEngineDescription(DurableEngineKind.AzureStorage, options.TaskHub, StorageDescription.Of(storageConnectionString)));
    }
}
