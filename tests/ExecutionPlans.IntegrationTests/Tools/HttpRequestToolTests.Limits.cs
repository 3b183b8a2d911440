using System.Net;
using System.Net.Sockets;
using ExecutionPlans.Tools;

namespace ExecutionPlans.IntegrationTests.Tools;

public sealed partial class HttpRequestToolTests
{
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
}
