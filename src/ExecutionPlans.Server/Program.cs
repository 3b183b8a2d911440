using ExecutionPlans;
using ExecutionPlans.Durable;
using ExecutionPlans.Durable.Http;
using ExecutionPlans.Server;
using ExecutionPlans.Server.Engine;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

// Settings come from the app folder, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var engineOptions = EngineSetup.ReadOptions(builder.Configuration);

// The engine starts before the app, so the worker and client can be bound to its channel, and stops after it.
using var engineLogging = EngineSetup.CreateLoggerFactory(builder.Configuration);
await using var engine = await DurableEngine.StartAsync(engineOptions, builder.Configuration["AzureWebJobsStorage"], engineLogging);

builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = engineOptions.ShutdownTimeout);
builder.Services.AddSingleton(engine);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services
    .AddExecutionPlans(builder.Configuration)
    .AddExecutionPlanWorkflow();
builder.Services.AddDurableTaskWorker(worker =>
{
    worker.UseGrpc(grpc =>
    {
        grpc.Channel = engine.Channel;
        // The worker drops its work-item stream after 120 s without a message, expecting health pings that the
        // in-process sidecar never sends, and reconnects after a random backoff of up to several seconds; an
        // approval arriving meanwhile waits for it (0.6-2 s measured, see benchmarks/README.md). The sidecar is
        // in this process, on loopback: there is no silent disconnect to detect.
        grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
    });
    worker.AddTasks(tasks => tasks.AddExecutionPlanTasks());
    worker.Configure(options =>
    {
        options.Concurrency.MaximumConcurrentActivityWorkItems = engineOptions.MaxConcurrentActivities;
        options.Concurrency.MaximumConcurrentOrchestrationWorkItems = engineOptions.MaxConcurrentOrchestrations;
    });
});
builder.Services.AddDurableTaskClient(client => client.UseGrpc(engine.Channel));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapPlansApi();
app.MapHealthApi();
app.Logger.LogInformation(
    "Engine {Engine} with task hub {TaskHub} ({Storage})",
    engine.Description.Kind,
    engine.Description.TaskHub,
    engine.Description.Storage ?? "nothing persisted");
await app.RunAsync();
