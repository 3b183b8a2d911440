using ExecutionPlans.Http;
using ExecutionPlans.Mcp;
using ExecutionPlans.Notifications;
using ExecutionPlans.Workflow;
using Microsoft.Extensions.Configuration;
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
        .AddWorkflowActivities();
}
