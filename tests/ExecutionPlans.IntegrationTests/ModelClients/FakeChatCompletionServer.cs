using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.IntegrationTests.ModelClients;

/// <summary>
/// An OpenAI-compatible chat completion server on 127.0.0.1 that answers from a script and records every request.
/// Serves <c>POST /v1/chat/completions</c> and the Azure OpenAI route <c>POST /openai/deployments/{deployment}/chat/completions</c>.
/// </summary>
internal sealed class FakeChatCompletionServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedReply> replies = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FakeChatCompletionServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FakeChatCompletionServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new FakeChatCompletionServer(builder.Build());
        server.app.MapPost("/v1/chat/completions", (HttpContext context) => server.HandleAsync(context, model: null));
        server.app.MapPost(
            "/openai/deployments/{deployment}/chat/completions",
            (HttpContext context, string deployment) => server.HandleAsync(context, deployment));
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void Enqueue(params ScriptedReply[] scripted)
    {
        foreach (var reply in scripted)
        {
            replies.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string? model)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, body));

        if (!replies.TryDequeue(out var reply))
        {
            // 400 is not retried, so a test that runs out of script fails at once with this message.
            reply = new ScriptedReply(400, null, new Dictionary<string, string>());
        }

        context.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        var responseModel = model ?? body["model"]?.GetValue<string>() ?? "unknown";
        await context.Response.WriteAsync(reply.ToBody(responseModel).ToJsonString());
    }
}
