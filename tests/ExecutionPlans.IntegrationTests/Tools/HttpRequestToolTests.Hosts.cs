using System.Text.Json.Nodes;
using ExecutionPlans.Tools;

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
