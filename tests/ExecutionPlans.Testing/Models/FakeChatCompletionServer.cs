using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Testing;

/// <summary>
/// An OpenAI-compatible chat completion server on 127.0.0.1 that answers from a script and records every request.
/// Serves <c>POST /v1/chat/completions</c> and the Azure OpenAI route <c>POST /openai/deployments/{deployment}/chat/completions</c>.
/// </summary>
public sealed class FakeChatCompletionServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedReply> replies = new();
    private readonly ConcurrentQueue<ChatCompletionRequest> requests = new();
    private LoopbackApp? app;

    private FakeChatCompletionServer()
    {
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress => app?.BaseAddress ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The OpenAI-compatible base URL, <c>http://127.0.0.1:PORT/v1</c>, as <c>OpenAI:BaseUrl</c> takes it.</summary>
    public string OpenAIBaseUrl => new Uri(BaseAddress, "v1").ToString();

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<ChatCompletionRequest> Requests => [.. requests];

    /// <summary>Starts a server with an empty script.</summary>
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

    /// <summary>Adds answers to the script, one per request in turn.</summary>
    public void Enqueue(params ScriptedReply[] scripted)
    {
        ArgumentNullException.ThrowIfNull(scripted);
        foreach (var reply in scripted)
        {
            replies.Enqueue(reply);
        }
    }

    /// <inheritdoc />
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
        requests.Enqueue(new ChatCompletionRequest(context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, body));

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
