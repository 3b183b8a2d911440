using System.Text.Json.Nodes;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Samples.CustomTools;
using ExecutionPlans.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>The app's tools: the built-in ones, and a team's own named in <c>Tools:Assemblies</c>.</summary>
public sealed class FunctionsAppServicesTests
{
    private static string SampleAssemblyPath => Path.Combine(AppContext.BaseDirectory, "ExecutionPlans.Samples.CustomTools.dll");

    [Fact]
    public void AddFunctionsApp_NoToolAssemblies_HasTheBuiltInTools()
    {
        using var provider = TestServices.Build();

        var names = provider.GetRequiredService<ToolCatalog>().Tools.Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["http_request", "notify", "wait"], names);
    }

    [Fact]
    public async Task AddFunctionsApp_SampleAssemblyByPath_AddsItsToolsToTheCatalog()
    {
        // Arrange
        using var provider = TestServices.Build(new() { ["Tools:Assemblies:0"] = SampleAssemblyPath, ["Samples:Sha256:Prefix"] = "sha256:" });
        var catalog = provider.GetRequiredService<ToolCatalog>();

        // Act
        var hash = await catalog.Tools.Single(t => t.Name == Sha256Tool.ToolName).ExecuteAsync(new JsonObject { ["text"] = "abc" }, CancellationToken.None);

        // Assert
        Assert.Equal(["count_words", "http_request", "notify", "sha256", "wait"], catalog.Tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("abc"u8)), hash);
        Assert.Equal(ToolRisk.Read, catalog.RiskOf(catalog.Tools.Single(t => t.Name == Sha256Tool.ToolName)));
    }

    [Fact]
    public void AddFunctionsApp_SampleAssemblyByName_AddsItsTools()
    {
        using var provider = TestServices.Build(new() { ["Tools:Assemblies:0"] = typeof(SampleToolsModule).Assembly.GetName().Name });

        var names = provider.GetRequiredService<ToolCatalog>().Tools.Select(t => t.Name);

        Assert.Contains(WordCount.ToolName, names);
    }

    [Theory]
    [InlineData("Contoso.PlanTools.Missing")]
    [InlineData("/no/such/folder/Contoso.PlanTools.dll")]
    public void AddFunctionsApp_ToolAssemblyThatCannotBeLoaded_FailsNamingTheSetting(string value)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestServices.Build(new() { ["Tools:Assemblies:3"] = value }));

        Assert.StartsWith($"Tools:Assemblies:3 '{value}' could not be loaded: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionsApp_ToolAssemblyWithoutModules_FailsNamingTheSetting()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestServices.Build(new() { ["Tools:Assemblies:0"] = "ExecutionPlans.Functions" }));

        Assert.Equal("Tools:Assemblies:0: ExecutionPlans.Functions has no public IPlanToolModule type, so it adds no tools.", exception.Message);
    }
}
