using Microsoft.Extensions.Hosting;

namespace ExecutionPlans.Mcp;

/// <summary>Connects to the MCP servers as the host starts, so the first plan does not wait for them.</summary>
internal sealed class McpToolsStartup(McpToolSource source) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => source.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
