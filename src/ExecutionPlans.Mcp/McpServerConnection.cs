using System.Text.Json;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ExecutionPlans.Mcp;

/// <summary>
/// The client of one MCP server. A call whose connection failed drops the client, so the next call (the step's
/// next attempt) connects again: a server that restarted, or came back, serves the plan again.
/// </summary>
internal sealed partial class McpServerConnection(string name, McpServerOptions options, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ILogger logger = loggerFactory.CreateLogger<McpServerConnection>();
    private McpClient? client;

    public string Name => name;

    public McpServerOptions Options => options;

    /// <summary>Connects (if not connected) and lists the server's tools.</summary>
    public async Task<IList<McpClientTool>> ListToolsAsync(CancellationToken cancellationToken)
    {
        var connected = await ClientAsync(cancellationToken);
        return await connected.ListToolsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Calls one of the server's tools; a failed connection fails as transient, an error the tool reports does not.</summary>
    public async Task<CallToolResult> CallAsync(string toolName, IDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        McpClient connected;
        try
        {
            connected = await ClientAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
        {
            throw Transient($"Could not reach the MCP server '{name}' to call '{toolName}': {exception.Message}", exception);
        }

        try
        {
            return await connected.CallToolAsync(new CallToolRequestParams { Name = toolName, Arguments = arguments }, cancellationToken);
        }
        catch (McpProtocolException exception)
        {
            // The server answered with a JSON-RPC error (unknown tool, invalid arguments): trying again would not help.
            throw new ToolExecutionException($"The MCP server '{name}' refused the call to '{toolName}': {exception.Message}", exception) { IsTransient = false };
        }
        catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
        {
            await DropAsync(connected);
            throw Transient($"The connection to the MCP server '{name}' failed while calling '{toolName}': {exception.Message}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client is { } open)
        {
            client = null;
            await open.DisposeAsync();
        }

        gate.Dispose();
    }

    private static ToolExecutionException Transient(string message, Exception inner) => new(message, inner) { IsTransient = true };

    // Cancellation by the caller (the plan, the attempt's timeout) is not the server's failure.
    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is IOException or HttpRequestException or McpException or ObjectDisposedException or InvalidOperationException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<McpClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (client is { } existing)
        {
            return existing;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (client is { } raced)
            {
                return raced;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(McpToolsOptions.ConnectTimeoutOf(options));
            client = await McpClient.CreateAsync(CreateTransport(), new McpClientOptions(), loggerFactory, timeout.Token);
            LogConnected(logger, name, options.Transport);
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    private IClientTransport CreateTransport()
    {
        if (options.Url is { } url)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = url,
                    Name = name,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = options.Headers.Count > 0 ? new Dictionary<string, string>(options.Headers) : null,
                    ConnectionTimeout = McpToolsOptions.ConnectTimeoutOf(options),
                },
                loggerFactory);
        }

        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Command = options.Command!,
                Arguments = [.. options.Arguments],
                Name = name,
                WorkingDirectory = options.WorkingDirectory,
                EnvironmentVariables = options.Environment.Count > 0 ? new Dictionary<string, string?>(options.Environment) : null,
                StandardErrorLines = line => LogServerError(logger, name, line),
            },
            loggerFactory);
    }

    private async Task DropAsync(McpClient failed)
    {
        await gate.WaitAsync();
        try
        {
            if (ReferenceEquals(client, failed))
            {
                client = null;
            }
        }
        finally
        {
            gate.Release();
        }

        try
        {
            await failed.DisposeAsync();
        }
        catch (Exception exception) when (exception is IOException or McpException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The connection is already broken; closing it can fail the same way, and the next call connects anew.
            LogCloseFailed(logger, exception, name);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Connected to the MCP server {Server} over {Transport}")]
    private static partial void LogConnected(ILogger logger, string server, string transport);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "MCP server {Server} wrote: {Line}")]
    private static partial void LogServerError(ILogger logger, string server, string line);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Closing the broken connection to the MCP server {Server} failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception, string server);
}
