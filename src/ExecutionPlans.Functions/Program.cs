using ExecutionPlans.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
