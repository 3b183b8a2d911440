using System.Collections.Concurrent;
using System.Text.Json;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.BrowserTests;

/// <summary>
/// The server's outside world, on 127.0.0.1 and a dynamic port: an OpenAI-compatible chat completion endpoint
/// that answers with <see cref="ModelAnswer"/>, <c>GET /target/{name}</c> for plan steps to call, and
/// <c>GET /flaky/{name}</c>, which answers 404 the first time for each name and 200 after that; calls recorded.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> targetCalls = new();
    private readonly ConcurrentDictionary<string, int> flakyCalls = new(StringComparer.Ordinal);
    private LoopbackApp? app;
    private int modelCalls;

    private TestBackend()
    {
    }

    public Uri BaseAddress => app?.BaseAddress ?? throw new InvalidOperationException("The backend has not started.");

    /// <summary>The content of the model's next answers: a plan as JSON.</summary>
    public string ModelAnswer { get; set; } = "{}";

    public int ModelCalls => modelCalls;

    public IReadOnlyList<string> TargetCalls => [.. targetCalls];

    public static async Task<TestBackend> StartAsync()
    {
        var backend = new TestBackend();
        backend.app = await LoopbackApp.StartAsync(web =>
        {
            web.MapPost("/v1/chat/completions", backend.AnswerAsync);
            web.MapGet("/target/{name}", (string name) =>
            {
                backend.targetCalls.Enqueue(name);
                return Results.Text($"ok {name}");
            });
            web.MapGet("/flaky/{name}", (string name) =>
            {
                backend.targetCalls.Enqueue($"flaky:{name}");
                return backend.flakyCalls.AddOrUpdate(name, 1, (_, calls) => calls + 1) == 1
                    ? Results.Text($"{name} is not there yet", statusCode: StatusCodes.Status404NotFound)
                    : Results.Text($"ok {name}");
            });
        });
        return backend;
    }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
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
