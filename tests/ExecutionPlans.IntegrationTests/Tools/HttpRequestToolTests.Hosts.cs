using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;

namespace ExecutionPlans.IntegrationTests.Tools;

public sealed partial class HttpRequestToolTests
{
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

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://0.0.0.0:{port}")]
    [InlineData("http://[::]:{port}")]
    [InlineData("http://localhost:{port}/")]
    public async Task ExecuteAsync_TheAppsOwnAddress_RefusesWithoutSendingAnything(string listening)
    {
        var self = new Uri(listening.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var tool = CreateTool(o => o.AllowedHosts.Add("localhost"), appAddresses: [self]);

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(
            () => tool.ExecuteAsync(Get(server.Url("/api/plans/other/approve")), CancellationToken.None));

        Assert.Contains("this app's own address", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Tools:Http:AllowSelf", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_TheAppsOwnAddressWithAllowSelf_Sends()
    {
        var tool = CreateTool(o => o.AllowSelf = true, appAddresses: [new Uri(server.Url("/"))]);

        var result = await RunAsync(tool, Get(server.Url("/hello")));

        Assert.Equal(200, result["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_SameHostOtherPortThanTheApp_Sends()
    {
        var tool = CreateTool(appAddresses: [new Uri($"http://127.0.0.1:{LoopbackPort.Free()}")]);

        var result = await RunAsync(tool, Get(server.Url("/hello")));

        Assert.Equal(200, result["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_AllowedHostOnAnotherPort_Refuses()
    {
        var tool = CreateTool(o =>
        {
            o.AllowedHosts.Clear();
            o.AllowedHosts.Add($"127.0.0.1:{LoopbackPort.Free()}");
        });

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => tool.ExecuteAsync(Get(server.Url("/hello")), CancellationToken.None));

        Assert.Contains($"'127.0.0.1' on port {server.Port}", exception.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Validate_LiteralUrlOfAHostNotAllowedOrOfTheApp_SaysWhyAndReferencesWait()
    {
        var tool = CreateTool(appAddresses: [new Uri("http://127.0.0.1:7071")]);

        var notAllowed = tool.Validate(Get("https://evil.example.test/x")).ToList();
        var self = tool.Validate(Get("http://127.0.0.1:7071/api/plans/p/approve")).ToList();
        var referenced = tool.Validate(Get("https://{{steps.s1.output.json.host}}/x")).ToList();
        var allowed = tool.Validate(Get("http://127.0.0.1:9/x")).ToList();

        Assert.Contains("'evil.example.test'", Assert.Single(notAllowed), StringComparison.Ordinal);
        Assert.Contains("this app's own address http://127.0.0.1:7071", Assert.Single(self), StringComparison.Ordinal);
        Assert.Empty(referenced);
        Assert.Empty(allowed);
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

    [Fact]
    public async Task ExecuteAsync_RedirectTheStepAccepts_ReturnsLocationWithoutFollowing()
    {
        var tool = CreateTool();
        var parameters = Get(server.Url("/redirect"));
        parameters["acceptStatus"] = new JsonArray("3xx");

        var result = await RunAsync(tool, parameters);

        Assert.Equal(302, result["status"]!.GetValue<int>());
        Assert.Equal("/hello", result["headers"]!["location"]!.GetValue<string>());
        Assert.Equal("/redirect", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ExecuteAsync_RedirectByDefault_FailsWithoutFollowingAndWillNotPass()
    {
        var tool = CreateTool();

        var exception = await Assert.ThrowsAsync<ToolExecutionException>(() => RunAsync(tool, Get(server.Url("/redirect"))));

        Assert.Contains("HTTP 302", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
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
}
