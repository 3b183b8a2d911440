using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

namespace ExecutionPlans.Notifications.Tests.TestServers;

/// <summary>A real SMTP server on 127.0.0.1 and a dynamic port that keeps every message it accepts.</summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly CapturingMessageStore store = new();
    private Task running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>The messages accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> Messages => store.Messages;

    /// <summary>Starts a server; <paramref name="filter"/> decides which senders and recipients it accepts.</summary>
    public static async Task<TestSmtpServer> StartAsync(IMailboxFilter? filter = null)
    {
        var server = new TestSmtpServer();
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServices();
        services.Add(listeners);
        services.Add(server.store);
        if (filter is not null)
        {
            services.Add(filter);
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        server.running = new SmtpServerHost(options, services).StartAsync(server.stop.Token);
        server.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (it was free a moment ago).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopping the server ends its run this way.
        }

        stop.Dispose();
    }
}
