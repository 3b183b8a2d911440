using ExecutionPlans.Http;
using ExecutionPlans.Http.Mcp;
using ExecutionPlans.Mcp;
using ExecutionPlans.Notifications;
using ExecutionPlans.Workflow;
using Microsoft.Extensions.Configuration;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions;

/// <summary>The app's services, composed once for <c>Program.cs</c> and the tests.</summary>
internal static class FunctionsAppServices
{
    /// <summary>The core services, the tools of the configured MCP servers, the workflow (its details on the app's storage account), its channels, the HTTP API and the activities the function wrappers resolve.</summary>
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration) => services
        .AddExecutionPlans(configuration)
        .AddMcpTools(configuration)
        .AddExecutionPlanWorkflow()
        .AddPlanDetailBlobs(configuration)
        .AddApprovalNotifications()
        .AddPlansHttpApi()
        .AddPlanGateMcp()
        .AddSingleton(provider => new McpGateHandler(PlanGateEndpoints.CreateHandler(provider, "/api/" + McpGateFunctions.Route)))
        .AddWorkflowActivities();

    /// <summary>
    /// The workflow's spans and metrics, correlated with the Functions host's invocations; exported with OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and to Application Insights when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is.
    /// </summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddPlanTelemetry(configuration, "ExecutionPlans.Functions").UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        return services;
    }

    /// <summary>The setting that sends telemetry to Application Insights.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
}
