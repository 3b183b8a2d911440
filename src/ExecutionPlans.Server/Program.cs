using ExecutionPlans;
using ExecutionPlans.Http;
using ExecutionPlans.Http.Mcp;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Mcp;
using ExecutionPlans.Notifications;
using ExecutionPlans.Server;
using ExecutionPlans.Server.Authentication;
using ExecutionPlans.Server.Engine;
using ExecutionPlans.Workflow;

// Settings come from the app folder, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var engineOptions = EngineSetup.ReadOptions(builder.Configuration);
var callers = ServerAuthentication.ReadOptions(builder.Configuration, builder.Environment);

// The engine starts before the app, so the worker and client can be bound to its channel, and stops after it.
using var engineLogging = EngineSetup.CreateLoggerFactory(builder.Configuration);
await using var engine = await DurableEngine.StartAsync(engineOptions, builder.Configuration["AzureWebJobsStorage"], engineLogging);

builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = engineOptions.ShutdownTimeout);
builder.WebHost.ConfigureKestrel(RequestLimits.Configure);
builder.Services.AddSingleton(engine);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
builder.Services.AddSingleton<EngineProbe>();
builder.Services.AddServerAuthentication(callers);
builder.Services.AddServerOpenApi(callers);
builder.Services.AddPlanTelemetry(builder.Configuration, "ExecutionPlans.Server");
builder.Services
    .AddExecutionPlans(builder.Configuration)
    .AddMcpTools(builder.Configuration)
    .AddExecutionPlanWorkflow()
    .AddApprovalNotifications()
    .AddPlansHttpApi()
    .AddPlanGateMcp();
if (engineOptions.Engine == DurableEngineKind.AzureStorage)
{
    // Plan details live where the plans do; the in-memory engine keeps them in memory, as it keeps its plans.
    builder.Services.AddPlanDetailBlobs(builder.Configuration);
}

engine.AddWorkerAndClient(builder.Services, engineOptions);

var app = builder.Build();
app.UseRequestLimits();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapPlansApi().WithServerAnswers(callers);
app.MapPlanGateMcp();
app.MapHealthApi();
app.Logger.LogInformation(
    "Engine {Engine} with task hub {TaskHub} ({Storage})",
    engine.Description.Kind,
    engine.Description.TaskHub,
    engine.Description.Storage ?? "nothing persisted");
ServerAuthentication.LogMode(app.Logger, callers, app.Environment);
await app.RunAsync();
