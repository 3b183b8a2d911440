using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Testing;

/// <summary>
/// A real Kestrel app on 127.0.0.1 and a dynamic port, without logging: what every HTTP server of this library
/// runs on, and what a test builds its own stand-in on. Disposing stops it.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    /// <summary>How long stopping waits for requests still running (held or slow ones) before it cuts them off.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;

    private LoopbackApp(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The port the app listens on.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Builds an app, lets <paramref name="configure"/> add its middleware and endpoints, and starts it.</summary>
    /// <param name="configure">Maps the app's endpoints.</param>
    /// <param name="shutdownTimeout">How long stopping may wait for running requests; <see cref="DefaultShutdownTimeout"/> if null.</param>
    /// <param name="configureServices">Adds the services the endpoints need, if any.</param>
    /// <returns>The running app.</returns>
    public static async Task<LoopbackApp> StartAsync(Action<WebApplication> configure, TimeSpan? shutdownTimeout = null, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = WebApplication.CreateSlimBuilder();
        configureServices?.Invoke(builder.Services);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout ?? DefaultShutdownTimeout);
        var app = builder.Build();
        try
        {
            configure(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackApp(app, new Uri(address + "/"));
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this app.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
