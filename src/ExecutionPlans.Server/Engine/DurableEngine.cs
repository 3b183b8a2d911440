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
        // Order matters: the worker has stopped already; then the channel, then the sidecar (which stops the
        // orchestration service and releases its leases). Any other order hangs for the gRPC stream timeout.
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
            return (limited, memory, new DurableEngineDescription(DurableEngineKind.InMemory, options.TaskHub, null));
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

        // The sidecar's dispatcher never renews a step's lock; without this, a step killed mid-run would wait out
        // the lock (five minutes by default) before running again, and a short lock would expire under long steps.
        var renewing = new ActivityLockRenewingOrchestrationService(
            storage, options.ActivityLockTimeout / 3, loggerFactory.CreateLogger<ActivityLockRenewingOrchestrationService>());
        return (renewing, callers, new DurableEngineDescription(DurableEngineKind.AzureStorage, options.TaskHub, StorageDescription.Of(storageConnectionString)));
    }
}
