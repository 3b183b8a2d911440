using ExecutionPlans;
using ExecutionPlans.Durable;
using ExecutionPlans.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddExecutionPlans(builder.Configuration)
    .AddExecutionPlanWorkflow()
    .AddWorkflowActivities();

builder.Build().Run();
