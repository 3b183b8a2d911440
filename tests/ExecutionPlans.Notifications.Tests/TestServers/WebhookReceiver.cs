using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Notifications.Tests.TestServers;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a dynamic port. <c>POST /webhook</c> records the JSON posted to it and
/// answers with <see cref="StatusCode"/>; <c>GET /api/plans/{id}/review</c> stands in for the review page, so a
/// test can follow a card's links: it records each visit and echoes the plan id, token and action.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<JsonNode> posts = new();
    private readonly ConcurrentQueue<ReviewVisit> visits = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri WebhookUrl => new(BaseAddress, "/webhook?sig=secret-signature");

    /// <summary>What the webhook answers.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status202Accepted;

    /// <summary>The body the webhook answers with.</summary>
    public string ResponseBody { get; set; } = string.Empty;

    public IReadOnlyList<JsonNode> Posts => [.. posts];

    public IReadOnlyList<ReviewVisit> Visits => [.. visits];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/webhook", receiver.ReceiveAsync);
        receiver.app.MapGet("/api/plans/{id}/review", (string id, string? token, string? action) =>
        {
            var visit = new ReviewVisit(id, token, action);
            receiver.visits.Enqueue(visit);
            return Results.Json(visit);
        });
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("The webhook received an empty body.");
        posts.Enqueue(body);
        context.Response.StatusCode = StatusCode;
        await context.Response.WriteAsync(ResponseBody);
    }
}
