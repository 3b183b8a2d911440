using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ExecutionPlans.Testing;

/// <summary>A real Kestrel server on 127.0.0.1 and a dynamic port, which records every request it receives.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly LoopbackApp app;
    private readonly ConcurrentQueue<RecordedRequest> requests;

    private LoopbackHttpServer(LoopbackApp app, ConcurrentQueue<RecordedRequest> requests)
    {
        this.app = app;
        this.requests = requests;
    }

    /// <summary>The server's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => app.BaseAddress;

    /// <summary>The port the server listens on.</summary>
    public int Port => app.Port;

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Starts a server with the given endpoints.</summary>
    public static async Task<LoopbackHttpServer> StartAsync(Action<IEndpointRouteBuilder> mapEndpoints)
    {
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var requests = new ConcurrentQueue<RecordedRequest>();
        var app = await LoopbackApp.StartAsync(web =>
        {
            web.Use(async (context, next) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
                await next(context);
            });
            mapEndpoints(web);
        });
        return new LoopbackHttpServer(app, requests);
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this server.</summary>
    public string Url(string pathAndQuery) => app.Url(pathAndQuery);

    /// <summary>The URL of <paramref name="pathAndQuery"/> on this server under another host name.</summary>
    /// <remarks>Only reachable through <see cref="CreateClientSendingEveryHostHere"/>.</remarks>
    public string Url(string host, string pathAndQuery) => $"http://{host}:{Port}{pathAndQuery}";

    /// <summary>
    /// Creates a client that connects to this server whatever host a URL names, as if DNS pointed every name here;
    /// it does not follow redirects.
    /// </summary>
    public HttpClient CreateClientSendingEveryHostHere() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => app.DisposeAsync();
}
