using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Mcp.IntegrationTests;

/// <summary>
/// The tools of real MCP servers (the tests' server over stdio, as a program, and over streamable HTTP) in the catalog,
/// called as steps, and a server that cannot be reached, reported and left out.
/// </summary>
public sealed class McpToolSourceTests : IAsyncLifetime
{
    private LoopbackApp http = null!;

    public async Task InitializeAsync() => http = await McpTestServers.StartHttpAsync();

    public async Task DisposeAsync() => await http.DisposeAsync();

    [Fact]
    public async Task AddMcpTools_StdioAndHttpServers_ListsTheirToolsPrefixedWithSchemasAndRiskFromAnnotations()
    {
        await using var provider = await StartAsync(Settings(("local", null), ("web", http.Url("mcp"))));
        var catalog = provider.GetRequiredService<ToolCatalog>();

        var names = catalog.Tools.Select(t => t.Name).Where(n => n.Contains('.', StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["local.delete_service", "local.fail", "local.get_service", "local.restart_service", "web.delete_service", "web.fail", "web.get_service", "web.restart_service"],
            names);
        Assert.True(catalog.TryGetTool("local.get_service", out var read));
        Assert.Equal(ToolRisk.Read, catalog.RiskOf(read));
        Assert.True(catalog.TryGetTool("web.restart_service", out var write));
        Assert.Equal(ToolRisk.Write, catalog.RiskOf(write));
        Assert.True(catalog.TryGetTool("web.delete_service", out var destructive));
        Assert.Equal(ToolRisk.Destructive, catalog.RiskOf(destructive));
        Assert.Equal("Restarts a service with the given number of replicas.", write.Description);
        var properties = write.ParametersSchema.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("replicas").GetProperty("type").GetString());
        Assert.Equal(["service", "replicas"], write.ParametersSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.All(provider.GetRequiredService<McpToolSource>().Servers, s => Assert.Equal((McpServerStatus.Connected, 4), (s.Status, s.Tools)));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("web")]
    public async Task ExecuteAsync_StepsOfMcpTools_AnswerStructuredContentAsJsonAndTextAsText(string server)
    {
        await using var provider = await StartAsync(Settings(("local", null), ("web", http.Url("mcp"))));
        var catalog = provider.GetRequiredService<ToolCatalog>();

        var read = await catalog.ExecuteAsync(Step("s1", $"{server}.get_service", new JsonObject { ["service"] = "api" }));
        var restarted = await catalog.ExecuteAsync(Step("s2", $"{server}.restart_service", new JsonObject { ["service"] = "api", ["replicas"] = 3 }));

        Assert.Equal(3, JsonNode.Parse(read)!["replicas"]!.GetValue<int>());
        Assert.Equal("api", JsonNode.Parse(read)!["service"]!.GetValue<string>());
        Assert.Equal("restarted api with 3 replicas", restarted);
    }

    [Fact]
    public async Task ExecuteAsync_ToolReportsAnError_FailsTheStepNotTransientWithTheToolsMessage()
    {
        await using var provider = await StartAsync(Settings(("local", null)));
        var catalog = provider.GetRequiredService<ToolCatalog>();

        var error = await Assert.ThrowsAsync<ToolExecutionException>(() => catalog.ExecuteAsync(Step("s1", "local.fail", new JsonObject { ["reason"] = "the disk is full" })));

        Assert.False(error.IsTransient);
        Assert.Contains("local.fail", error.Message, StringComparison.Ordinal);
        Assert.Contains("the disk is full", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ServerGoneAfterStart_FailsTheStepAsTransient()
    {
        var going = await McpTestServers.StartHttpAsync();
        await using var provider = await StartAsync(Settings(("going", going.Url("mcp"))));
        var catalog = provider.GetRequiredService<ToolCatalog>();
        Assert.Equal("restarted api with 1 replicas", await catalog.ExecuteAsync(Step("s1", "going.restart_service", new JsonObject { ["service"] = "api", ["replicas"] = 1 })));
        await going.DisposeAsync();

        var error = await Assert.ThrowsAsync<ToolExecutionException>(() => catalog.ExecuteAsync(Step("s2", "going.restart_service", new JsonObject { ["service"] = "api", ["replicas"] = 2 })));

        Assert.True(error.IsTransient, error.ToString());
        Assert.Contains("going", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMcpTools_ServerNotListening_IsReportedUnreachableAndItsToolsAreAbsent()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var settings = Settings(("web", http.Url("mcp")), ("down", $"http://127.0.0.1:{port}/mcp"));
        settings["Tools:Mcp:down:ConnectTimeout"] = "PT5S";

        await using var provider = await StartAsync(settings);

        var catalog = provider.GetRequiredService<ToolCatalog>();
        Assert.DoesNotContain(catalog.Tools, t => t.Name.StartsWith("down.", StringComparison.Ordinal));
        Assert.Contains(catalog.Tools, t => t.Name == "web.get_service");
        var down = Assert.Single(provider.GetRequiredService<McpToolSource>().Servers, s => s.Name == "down");
        Assert.Equal((McpServerStatus.Unreachable, "http", 0), (down.Status, down.Transport, down.Tools));
        Assert.False(string.IsNullOrWhiteSpace(down.Detail));
    }

    [Theory]
    [InlineData("Tools:Mcp:both:Command", "dotnet", "Tools:Mcp:both:Url", "http://127.0.0.1:1/mcp", "not both")]
    [InlineData("Tools:Mcp:neither:WorkingDirectory", "/tmp", null, null, "neither is set")]
    [InlineData("Tools:Mcp:bad name:Url", "http://127.0.0.1:1/mcp", null, null, "only letters, digits")]
    [InlineData("Tools:Mcp:ftp:Url", "ftp://files.example/mcp", null, null, "not an absolute http or https address")]
    public void AddMcpTools_InvalidSettings_FailStartUpNamingTheSetting(string key, string value, string? otherKey, string? otherValue, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (otherKey is not null)
        {
            settings[otherKey] = otherValue;
        }

        using var provider = Compose(settings);

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Tools:Mcp:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMcpTools_NoServers_AddsNoToolsAndReportsNone()
    {
        await using var provider = await StartAsync([]);

        Assert.Equal(["http_request", "wait"], provider.GetRequiredService<ToolCatalog>().Tools.Select(t => t.Name));
        Assert.Empty(provider.GetRequiredService<McpToolSource>().Servers);
    }

    private static Dictionary<string, string?> Settings(params (string Name, string? Url)[] servers)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, url) in servers)
        {
            if (url is null)
            {
                settings[$"Tools:Mcp:{name}:Command"] = "dotnet";
                settings[$"Tools:Mcp:{name}:Arguments:0"] = McpTestServers.StdioProgram;
            }
            else
            {
                settings[$"Tools:Mcp:{name}:Url"] = url;
            }
        }

        return settings;
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddExecutionPlans(configuration).AddMcpTools(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Composes the services and starts them as a host would: validation, then the hosted services.</summary>
    private static async Task<ServiceProvider> StartAsync(Dictionary<string, string?> settings)
    {
        var provider = Compose(settings);
        provider.GetRequiredService<IStartupValidator>().Validate();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider;
    }

    private static ExecutionStep Step(string id, string tool, JsonObject parameters) => new() { Id = id, ToolName = tool, Parameters = parameters };
}
