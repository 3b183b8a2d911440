using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ExecutionPlans.IntegrationTests.TestServers;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.IntegrationTests.Tools;

public sealed class HttpRequestToolTests : IAsyncLifetime
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

    private static HttpRequestTool CreateTool(Action<HttpToolOptions>? configure = null, HttpClient? client = null)
    {
        var options = new HttpToolOptions { AllowedHosts = { "127.0.0.1" } };
        configure?.Invoke(options);
        return client is null ? new HttpRequestTool(options) : new HttpRequestTool(client, Options.Create(options));
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

    [Fact]
    public async Task ExecuteAsync_DisallowedHost_RefusesWithoutSendingAnything()
    {
        using var client = server.CreateClientSendingEveryHostHere();
        var tool = CreateTool(o => o.AllowedHosts.Add("api.example.test"), client);

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(
            () => tool.ExecuteAsync(Get(server.Url("evil.example.test", "/hello")), CancellationToken.None));

        Assert.Contains("'evil.example.test'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Tools:Http:AllowedHosts", exception.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_NoAllowedHosts_RefusesEveryHost()
    {
        var tool = CreateTool(o => o.AllowedHosts.Clear());

        await Assert.ThrowsAsync<ToolExecutionException>(() => tool.ExecuteAsync(Get(server.Url("/hello")), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_WildcardAllowedHost_CallsSubdomain()
    {
        using var client = server.CreateClientSendingEveryHostHere();
        var tool = CreateTool(o => o.AllowedHosts.Add("*.Example.Test"), client);

        var result = await RunAsync(tool, Get(server.Url("api.eu.example.test", "/hello")));

        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal($"api.eu.example.test:{server.Port}", Assert.Single(server.Requests).Header("Host"));
    }

    [Theory]
    [InlineData(404, "Not Found")]
    [InlineData(500, "Internal Server Error")]
    public async Task ExecuteAsync_ErrorStatus_ReturnsItAsResult(int status, string reasonPhrase)
    {
        var tool = CreateTool();

        var result = await RunAsync(tool, Get(server.Url($"/status/{status}")));

        Assert.Equal(status, result["status"]!.GetValue<int>());
        Assert.Equal(reasonPhrase, result["reasonPhrase"]!.GetValue<string>());
        Assert.Equal($"status {status}", result["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_Redirect_ReturnsLocationWithoutFollowing()
    {
        var tool = CreateTool();

        var result = await RunAsync(tool, Get(server.Url("/redirect")));

        Assert.Equal(302, result["status"]!.GetValue<int>());
        Assert.Equal("/hello", result["headers"]!["location"]!.GetValue<string>());
        Assert.Equal("/redirect", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ExecuteAsync_ClientThatFollowsRedirects_Throws()
    {
        using var client = new HttpClient();
        var tool = CreateTool(client: client);

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => tool.ExecuteAsync(Get(server.Url("/redirect")), CancellationToken.None));

        Assert.Contains("AllowAutoRedirect = false", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SlowEndpoint_ThrowsTimeoutNamingSetting()
    {
        var tool = CreateTool(o => o.Timeout = TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => tool.ExecuteAsync(Get(server.Url("/slow")), CancellationToken.None));

        Assert.True(exception.IsTimeout);
        Assert.IsType<TimeoutException>(exception.InnerException);
        Assert.Contains("timed out after 00:00:00.2000000 (setting Tools:Http:Timeout)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_EndlessResponse_TruncatesAtLimit()
    {
        var tool = CreateTool(o => o.MaxResponseChars = 1000);

        var result = await RunAsync(tool, Get(server.Url("/endless")));

        Assert.Equal(new string('x', 1000), result["body"]!.GetValue<string>());
        Assert.True(result["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(999, false)]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public async Task ExecuteAsync_BodyAroundLimit_TruncatesOnlyWhenLonger(int length, bool truncated)
    {
        var tool = CreateTool(o => o.MaxResponseChars = 1000);

        var result = await RunAsync(tool, Get(server.Url($"/text/{length}")));

        Assert.Equal(Math.Min(length, 1000), result["body"]!.GetValue<string>().Length);
        Assert.Equal(truncated, result["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ExecuteAsync_NonAsciiBody_ReturnsReadableText()
    {
        var tool = CreateTool();

        var output = await tool.ExecuteAsync(Get(server.Url("/greeting")), CancellationToken.None);

        Assert.Contains("grüße, \\\"friend\\\" <3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_ThrowsOperationCanceledWithCallerToken()
    {
        var tool = CreateTool(o => o.Timeout = TimeSpan.FromMinutes(5));
        using var cancellation = new CancellationTokenSource();
        var call = tool.ExecuteAsync(Get(server.Url("/slow")), cancellation.Token);
        await slowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cancellation.CancelAsync();
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cancellation.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionRefused_ThrowsToolExecutionException()
    {
        // A bound socket that does not listen refuses connections to its port.
        using var closedPort = new Socket(SocketType.Stream, ProtocolType.Tcp);
        closedPort.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closedPort.LocalEndPoint!).Port;
        var tool = CreateTool();

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(
            () => tool.ExecuteAsync(Get($"http://127.0.0.1:{port}/"), CancellationToken.None));

        Assert.False(exception.IsTimeout);
        Assert.Contains($"The GET request to http://127.0.0.1:{port}/ failed", exception.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("""{"method": "FETCH", "url": "http://127.0.0.1/"}""", "/method")]
    [InlineData("""{"method": "get", "url": "http://127.0.0.1/"}""", "/method")]
    [InlineData("""{"method": "GET"}""", "")]
    [InlineData("""{"url": "http://127.0.0.1/", "timeout": 5}""", "/timeout")]
    [InlineData("""{"url": "ftp://127.0.0.1/"}""", "/url")]
    [InlineData("""{"url": "http://127.0.0.1/", "headers": {"X-A": 1}}""", "/headers/X-A")]
    [InlineData("""{"url": "http://127.0.0.1/", "body": {"a": 1}}""", "/body")]
    public void Validate_BadParametersThroughCatalog_ReportsInvalidParameters(string parameters, string path)
    {
        var catalog = new ToolCatalog(CreateTool());
        var plan = new ExecutionPlan
        {
            Steps = [new ExecutionStep { Id = "s1", ToolName = "http_request", Parameters = JsonNode.Parse(parameters)!.AsObject() }],
        };

        var errors = catalog.Validate(plan);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(PlanValidationCodes.InvalidParameters, e.Code));
        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public async Task ExecuteAsync_ThroughCatalog_RunsValidStep()
    {
        var catalog = new ToolCatalog(CreateTool());
        var step = new ExecutionStep
        {
            Id = "s1",
            ToolName = "http_request",
            Parameters = new JsonObject { ["method"] = "GET", ["url"] = server.Url("/hello"), ["headers"] = new JsonObject { ["X-A"] = "1" } },
        };
        var plan = new ExecutionPlan { Steps = [step] };

        var errors = catalog.Validate(plan);
        var output = await catalog.ExecuteAsync(step);

        Assert.Empty(errors);
        Assert.Equal("hello world", JsonNode.Parse(output)!["body"]!.GetValue<string>());
    }
}
