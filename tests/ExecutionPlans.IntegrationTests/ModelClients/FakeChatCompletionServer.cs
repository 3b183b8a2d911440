using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.IntegrationTests.ModelClients;

/// <summary>
/// An OpenAI-compatible chat completion server on 127.0.0.1 that answers from a script and records every request.
/// Serves <c>POST /v1/chat/completions</c> and the Azure OpenAI route <c>POST /openai/deployments/{deployment}/chat/completions</c>.
/// </summary>
internal sealed class FakeChatCompletionServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedReply> replies = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private LoopbackApp? app;

    private FakeChatCompletionServer()
    {
    }

    public Uri BaseAddress => app?.BaseAddress ?? throw new InvalidOperationException("The server has not started.");

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FakeChatCompletionServer> StartAsync()
    {
        var server = new FakeChatCompletionServer();
        server.app = await LoopbackApp.StartAsync(web =>
        {
            web.MapPost("/v1/chat/completions", (HttpContext context) => server.HandleAsync(context, model: null));
            web.MapPost(
                "/openai/deployments/{deployment}/chat/completions",
                (HttpContext context, string deployment) => server.HandleAsync(context, deployment));
        });
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
        if (app is not null)
        {
            await app.DisposeAsync();
        }
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
