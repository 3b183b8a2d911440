using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Mcp;

/// <summary>
/// The tools of the configured MCP servers (<c>Tools:Mcp</c>). It connects to every server once, at start, side by
/// side, each within its connect timeout; a server that cannot be reached is logged and reported
/// (<see cref="Servers"/>), and its tools are absent: it never stops the app.
/// </summary>
public sealed partial class McpToolSource : IPlanToolSource, IAsyncDisposable, IDisposable
{
    private readonly List<McpServerConnection> connections;
    private readonly ILogger<McpToolSource> logger;
    private readonly Lazy<Task<(IReadOnlyList<PlanTool> Tools, IReadOnlyList<McpServerStatus> Servers)>> discovery;

    /// <summary>Creates the source; nothing connects until <see cref="StartAsync"/> or the first read of <see cref="Tools"/>.</summary>
    /// <param name="options">The servers.</param>
    /// <param name="loggerFactory">Logs for the connections.</param>
    public McpToolSource(IOptions<McpToolsOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        logger = loggerFactory.CreateLogger<McpToolSource>();
        connections = [.. options.Value.Servers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new McpServerConnection(s.Key, s.Value, loggerFactory))];
        discovery = new(() => Task.Run(DiscoverAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    /// <remarks>Waits for the connections made at start, when they are still under way.</remarks>
    public IReadOnlyList<PlanTool> Tools => discovery.Value.GetAwaiter().GetResult().Tools;

    /// <summary>How each server answered at start, by name.</summary>
    public IReadOnlyList<McpServerStatus> Servers => discovery.Value.GetAwaiter().GetResult().Servers;

    /// <summary>Connects to the servers and lists their tools, once.</summary>
    /// <param name="cancellationToken">Stops waiting (the connections go on).</param>
    /// <returns>A task that completes when every server answered or timed out.</returns>
    public Task StartAsync(CancellationToken cancellationToken) => discovery.Value.WaitAsync(cancellationToken);

    /// <summary>Closes the connections (stops the stdio servers) for containers disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<(IReadOnlyList<PlanTool>, IReadOnlyList<McpServerStatus>)> DiscoverAsync()
    {
        var found = await Task.WhenAll(connections.Select(DiscoverAsync));
        return ([.. found.SelectMany(f => f.Tools)], [.. found.Select(f => f.Status)]);
    }

    private async Task<(IReadOnlyList<PlanTool> Tools, McpServerStatus Status)> DiscoverAsync(McpServerConnection connection)
    {
        var transport = connection.Options.Transport;
        try
        {
            using var timeout = new CancellationTokenSource(McpToolsOptions.ConnectTimeoutOf(connection.Options));
            var tools = await connection.ListToolsAsync(timeout.Token);
            LogListed(logger, connection.Name, tools.Count);
            return ([.. tools.Select(tool => new McpPlanTool(connection, tool.ProtocolTool))], new McpServerStatus(connection.Name, transport, McpServerStatus.Connected, tools.Count));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Any failure to start or answer leaves this server out, reported; the app and the other servers go on.
            var detail = exception is OperationCanceledException
                ? $"It did not answer within {McpToolsOptions.ConnectTimeoutOf(connection.Options).TotalSeconds:0} s."
                : $"{exception.GetType().Name}: {exception.Message}";
            LogUnreachable(logger, exception, connection.Name, transport, detail);
            return ([], new McpServerStatus(connection.Name, transport, McpServerStatus.Unreachable, 0, detail));
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "The MCP server {Server} offers {Count} tools")]
    private static partial void LogListed(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "The MCP server {Server} ({Transport}) could not be reached; its tools are not available: {Detail}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string server, string transport, string detail);
}
