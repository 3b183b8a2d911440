using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Testing;

/// <summary>
/// A Teams-like webhook: a real Kestrel server on 127.0.0.1 and a dynamic port. <c>POST /webhook</c> (and any path under
/// it, where an Incoming Webhook keeps its secret) records the JSON posted to it and answers with <see cref="StatusCode"/>; <c>GET /api/plans/{id}/review</c> stands in for the review
/// page, so a test can follow a card's links: it records each visit and echoes the plan id, token and action.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonNode> posts = new();
    private readonly ConcurrentQueue<ReviewVisit> visits = new();
    private LoopbackApp? app;

    private WebhookReceiver()
    {
    }

    /// <summary>The receiver's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress => app?.BaseAddress ?? throw new InvalidOperationException("The receiver has not started.");

    /// <summary>The webhook's URL, with a secret in its query as the real ones have.</summary>
    public Uri WebhookUrl => new(BaseAddress, "/webhook?sig=secret-signature");

    /// <summary>What the webhook answers.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status202Accepted;

    /// <summary>The body the webhook answers with.</summary>
    public string ResponseBody { get; set; } = string.Empty;

    /// <summary>The messages posted so far, oldest first.</summary>
    public IReadOnlyList<JsonNode> Posts => [.. posts];

    /// <summary>The visits to the stand-in review page so far, oldest first.</summary>
    public IReadOnlyList<ReviewVisit> Visits => [.. visits];

    /// <summary>Starts a receiver.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver.app = await LoopbackApp.StartAsync(web =>
        {
            web.MapPost("/webhook", receiver.ReceiveAsync);
            web.MapPost("/webhook/{**path}", receiver.ReceiveAsync);
            web.MapGet("/api/plans/{id}/review", (string id, string? token, string? action) =>
            {
                var visit = new ReviewVisit(id, token, action);
                receiver.visits.Enqueue(visit);
                return Results.Json(visit);
            });
        });
        return receiver;
    }

    /// <summary>The Adaptive Card a posted message carries (its first attachment's content).</summary>
    public static JsonNode CardOf(JsonNode post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post["attachments"]?[0]?["content"] ?? throw new InvalidOperationException($"The post carries no card: {post.ToJsonString()}");
    }

    /// <summary>Waits for the first post that <paramref name="match"/> accepts, and returns it.</summary>
    /// <param name="match">Which post.</param>
    /// <param name="what">The post looked for, in words, for the failure message.</param>
    /// <param name="deadline">How long to wait; <see cref="Poll.DefaultDeadline"/> if null.</param>
    /// <returns>The post.</returns>
    public Task<JsonNode> WaitForPostAsync(Func<JsonNode, bool> match, string what, TimeSpan? deadline = null) =>
        Poll.UntilAsync(
            () => Posts.FirstOrDefault(match),
            limit => $"No post {what} reached the webhook within {limit.TotalSeconds:0} s. Posts so far: " +
                (posts.IsEmpty ? "none" : string.Join("\n", Posts.Select(post => post.ToJsonString()))),
            deadline);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("The webhook received an empty body.");
        posts.Enqueue(body);
        context.Response.StatusCode = StatusCode;
        await context.Response.WriteAsync(ResponseBody);
    }
}
