using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.IntegrationTests.Tools;

public class HttpRequestToolServiceCollectionExtensionsTests
{
    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpRequestTool();
        return services;
    }

    [Fact]
    public async Task AddHttpRequestTool_Configured_RegistersPlanToolThatReturnsRedirects()
    {
        await using var server = await LoopbackHttpServer.StartAsync(e => e.MapGet("/old", () => Results.Redirect("/new")));
        using var provider = Services(new() { ["Tools:Http:AllowedHosts:0"] = "127.0.0.1", ["Tools:Http:MaxResponseChars"] = "10" })
            .BuildServiceProvider();

        var tool = Assert.Single(provider.GetServices<PlanTool>());
        var output = await tool.ExecuteAsync(new JsonObject { ["url"] = server.Url("/old"), ["acceptStatus"] = new JsonArray("3xx") }, CancellationToken.None);

        Assert.IsType<HttpRequestTool>(tool);
        Assert.Same(tool, provider.GetServices<PlanTool>().Single());
        Assert.Contains("cut to 10 characters", tool.Description, StringComparison.Ordinal);
        Assert.Equal(302, JsonNode.Parse(output)!["status"]!.GetValue<int>());
        Assert.Single(server.Requests);
    }

    [Fact]
    public void AddHttpRequestTool_CatalogFromServices_ContainsTool()
    {
        var services = Services(new() { ["Tools:Http:AllowedHosts:0"] = "api.example.com" });
        services.AddSingleton<ToolCatalog>();
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<ToolCatalog>();

        Assert.True(catalog.TryGetTool(HttpRequestTool.ToolName, out _));
    }

    [Fact]
    public void AddHttpRequestTool_InvalidHostSetting_FailsNamingSetting()
    {
        using var provider = Services(new() { ["Tools:Http:AllowedHosts:0"] = "https://api.example.com/" }).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetServices<PlanTool>().ToList());

        Assert.Contains("Tools:Http:AllowedHosts", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHttpRequestTool_InvalidTimeoutSetting_FailsAtStartup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tools:Http:Timeout"] = "00:00:00" });
        builder.Services.AddHttpRequestTool();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Tools:Http:Timeout", exception.Message, StringComparison.Ordinal);
    }
}
