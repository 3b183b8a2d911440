using System.Net;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

namespace ExecutionPlans.Testing;

/// <summary>A real SMTP server on 127.0.0.1 and a dynamic port that keeps every message it accepts.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly CapturingMessageStore store = new();
    private Task running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
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

    /// <summary>Waits for the first message that <paramref name="match"/> accepts, and returns it.</summary>
    /// <param name="match">Which message.</param>
    /// <param name="what">The message looked for, in words, for the failure message.</param>
    /// <param name="deadline">How long to wait; <see cref="Poll.DefaultDeadline"/> if null.</param>
    /// <returns>The message.</returns>
    public Task<ReceivedEmail> WaitForMessageAsync(Func<ReceivedEmail, bool> match, string what, TimeSpan? deadline = null) =>
        Poll.UntilAsync(
            () => Messages.FirstOrDefault(match),
            limit => $"No message {what} arrived within {limit.TotalSeconds:0} s. Messages so far: " +
                (Messages.Count == 0 ? "none" : string.Join("; ", Messages.Select(m => $"to {string.Join(", ", m.EnvelopeTo)}: {m.Message.Subject}"))),
            deadline);

    /// <inheritdoc />
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
