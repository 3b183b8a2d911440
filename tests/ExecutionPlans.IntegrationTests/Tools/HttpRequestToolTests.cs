using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.IntegrationTests.Tools;

public sealed partial class HttpRequestToolTests : IAsyncLifetime
{
    private const int EndlessLimitBytes = 64 * 1024 * 1024;

    private readonly TaskCompletionSource slowRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackHttpServer server = null!;

    public async Task InitializeAsync() => server = await LoopbackHttpServer.StartAsync(MapEndpoints);

    public async Task DisposeAsync() => await server.DisposeAsync();

    private void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/hello", ["GET", "HEAD"], (HttpResponse response) =>
        {
            response.Headers["X-Served-By"] = "loopback";
            return Results.Text("hello world", "text/plain; charset=utf-8");
        });
        endpoints.MapPost("/items", () => Results.Text("""{"id":7}""", "application/json", statusCode: StatusCodes.Status201Created));
        endpoints.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", "text/plain", statusCode: code));
        endpoints.MapGet("/redirect", () => Results.Redirect("/hello"));
        endpoints.MapGet("/busy", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "7";
            return Results.Text("try later", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        endpoints.MapGet("/text/{length:int}", (int length) => Results.Text(new string('a', length), "text/plain"));
        endpoints.MapGet("/greeting", () => Results.Text("grüße, \"friend\" <3", "text/plain; charset=utf-8"));
        endpoints.MapGet("/slow", async (HttpContext context) =>
        {
            slowRequestArrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        endpoints.MapGet("/endless", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            for (var written = 0; written < EndlessLimitBytes && !context.RequestAborted.IsCancellationRequested; written += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
    }

    private static HttpRequestTool CreateTool(Action<HttpToolOptions>? configure = null, HttpClient? client = null, Uri[]? appAddresses = null)
    {
        var options = new HttpToolOptions { AllowedHosts = { "127.0.0.1" } };
        configure?.Invoke(options);
        if (appAddresses is not null)
        {
            return new HttpRequestTool(client ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), Options.Create(options), [new FixedAppAddresses(appAddresses)]);
        }

        return client is null ? new HttpRequestTool(options) : new HttpRequestTool(client, Options.Create(options));
    }

    private sealed class FixedAppAddresses(Uri[] addresses) : IAppAddresses
    {
        public IEnumerable<Uri> Addresses => addresses;
    }

    private static JsonObject Get(string url) => new() { ["url"] = url };

    private static async Task<JsonObject> RunAsync(HttpRequestTool tool, JsonObject parameters, CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await tool.ExecuteAsync(parameters, cancellationToken))!.AsObject();

    [Fact]
    public async Task ExecuteAsync_Get_ReturnsStatusHeadersAndBody()
    {
        var tool = CreateTool();

        var result = await RunAsync(tool, Get(server.Url("/hello")));

        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal("OK", result["reasonPhrase"]!.GetValue<string>());
        Assert.Equal("hello world", result["body"]!.GetValue<string>());
        Assert.False(result["truncated"]!.GetValue<bool>());
        Assert.Equal("text/plain; charset=utf-8", result["headers"]!["content-type"]!.GetValue<string>());
        Assert.Equal("loopback", result["headers"]!["x-served-by"]!.GetValue<string>());
        Assert.Equal("GET", Assert.Single(server.Requests).Method);
    }

    [Fact]
    public async Task ExecuteAsync_PostWithHeadersAndBody_ServerReceivesThem()
    {
        var tool = CreateTool();
        var parameters = new JsonObject
        {
            ["method"] = "POST",
            ["url"] = server.Url("/items?dryRun=false"),
            ["headers"] = new JsonObject { ["X-Api-Key"] = "secret-1", ["Accept"] = "application/json" },
            ["body"] = """{"name":"widget"}""",
        };

        var result = await RunAsync(tool, parameters);

        var received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/items?dryRun=false", received.PathAndQuery);
        Assert.Equal("""{"name":"widget"}""", received.Body);
        Assert.Equal("secret-1", received.Header("X-Api-Key"));
        Assert.Equal("application/json", received.Header("Accept"));
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal(201, result["status"]!.GetValue<int>());
        Assert.Equal("""{"id":7}""", result["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_HeadRequest_ReturnsHeadersAndEmptyBody()
    {
        var tool = CreateTool();

        var result = await RunAsync(tool, new JsonObject { ["method"] = "HEAD", ["url"] = server.Url("/hello") });

        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal(string.Empty, result["body"]!.GetValue<string>());
        Assert.Equal("HEAD", Assert.Single(server.Requests).Method);
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(403, false)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task ExecuteAsync_StatusOutside2xx_FailsWithTheStatusAndTheStartOfTheBody(int status, bool transient)
    {
        var tool = CreateTool();

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => RunAsync(tool, Get(server.Url($"/status/{status}"))));

        Assert.Contains($"HTTP {status}", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"status {status}", exception.Message, StringComparison.Ordinal);
        Assert.Equal(transient, exception.IsTransient);
    }

    [Fact]
    public async Task ExecuteAsync_StatusTheStepAccepts_ReturnsItAsResult()
    {
        var tool = CreateTool();
        var parameters = Get(server.Url("/status/404"));
        parameters["acceptStatus"] = new JsonArray("2xx", 404);

        var result = await RunAsync(tool, parameters);

        Assert.Equal(404, result["status"]!.GetValue<int>());
        Assert.Equal("Not Found", result["reasonPhrase"]!.GetValue<string>());
        Assert.Equal("status 404", result["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfter_IsGivenWithTheFailure()
    {
        var tool = CreateTool();

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => RunAsync(tool, Get(server.Url("/busy"))));

        Assert.True(exception.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
    }

    [Fact]
    public async Task ExecuteAsync_WithAStepsContext_SendsTheIdempotencyKeyUnlessTheStepSetsOne()
    {
        var tool = CreateTool();

        await tool.ExecuteAsync(Get(server.Url("/hello")), new ToolCallContext("plan-1", "s1", 2), CancellationToken.None);
        var own = Get(server.Url("/hello"));
        own["headers"] = new JsonObject { ["idempotency-key"] = "mine" };
        await tool.ExecuteAsync(own, new ToolCallContext("plan-1", "s2", 1), CancellationToken.None);

        Assert.Equal(["plan-1.s1", "mine"], server.Requests.Select(request => request.Header("Idempotency-Key")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"6xx\"]")]
    [InlineData("[99]")]
    [InlineData("\"2xx\"")]
    public async Task ExecuteAsync_AcceptStatusNotUsable_IsRefused(string acceptStatus)
    {
        var tool = CreateTool();
        var parameters = Get(server.Url("/hello"));
        parameters["acceptStatus"] = JsonNode.Parse(acceptStatus);

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => RunAsync(tool, parameters));

        Assert.Contains("acceptStatus", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_NonAsciiBody_ReturnsReadableText()
    {
        var tool = CreateTool();

        var output = await tool.ExecuteAsync(Get(server.Url("/greeting")), CancellationToken.None);

        Assert.Contains("grüße, \\\"friend\\\" <3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingSetting()
    {
        var exception = Assert.Throws<ArgumentException>(() => CreateTool(o => o.AllowedHosts.Add("http://bad")));

        Assert.Contains("Tools:Http:AllowedHosts", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_ListsAllowedHostsAndLimit()
    {
        var tool = CreateTool(o => o.AllowedHosts.Add("*.example.test"));

        Assert.Equal(HttpRequestTool.ToolName, tool.Name);
        Assert.Contains("Allowed hosts: 127.0.0.1, *.example.test.", tool.Description, StringComparison.Ordinal);
        Assert.Contains("32768 characters", tool.Description, StringComparison.Ordinal);
    }
}
