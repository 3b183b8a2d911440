using ExecutionPlans.Http.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions;

/// <summary>
/// The approval gate as an MCP server at <c>/api/mcp</c> (streamable HTTP, stateless), behind a function key like the
/// API: <c>propose_plan</c>, <c>get_plan</c> and <c>wait_for_plan</c>.
/// </summary>
public sealed class McpGateFunctions(McpGateHandler handler)
{
    /// <summary>The route, under the host's <c>api</c> prefix.</summary>
    public const string Route = "mcp";

    [Function("McpGate")]
    public async Task<IActionResult> McpAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "delete", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Items[PlanGateTools.ClientKey] = client;
        await handler.Handle(request.HttpContext);
        return new EmptyResult();
    }
}

/// <summary>The gate's MCP endpoints as one handler, built once for the app.</summary>
/// <param name="Handle">Answers one request at <c>/api/mcp</c>.</param>
public sealed record McpGateHandler(RequestDelegate Handle);
