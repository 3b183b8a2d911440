using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.ReviewPage.Tests.TestSupport;

/// <summary>
/// The server's outside world, on 127.0.0.1 and a dynamic port: an OpenAI-compatible chat completion endpoint
/// that answers with <see cref="ModelAnswer"/>, and <c>GET /target/{name}</c> for plan steps to call, recorded.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> targetCalls = new();
    private int modelCalls;

    private TestBackend(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The content of the model's next answers: a plan as JSON.</summary>
    public string ModelAnswer { get; set; } = "{}";

    public int ModelCalls => modelCalls;

    public IReadOnlyList<string> TargetCalls => [.. targetCalls];

    public static async Task<TestBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var backend = new TestBackend(builder.Build());
        backend.app.MapPost("/v1/chat/completions", backend.AnswerAsync);
        backend.app.MapGet("/target/{name}", (string name) =>
        {
            backend.targetCalls.Enqueue(name);
            return Results.Text($"ok {name}");
        });
        await backend.app.StartAsync();
        var address = backend.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        backend.BaseAddress = new Uri(address + "/");
        return backend;
    }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref modelCalls);
        var completion = new
        {
            id = "x",
            @object = "chat.completion",
            created = 0,
            model = "m",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = ModelAnswer }, finish_reason = "stop" } },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(completion), context.RequestAborted);
    }
}
