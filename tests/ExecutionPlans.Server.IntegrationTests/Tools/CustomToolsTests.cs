using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Tools;

/// <summary>
/// A team's own tools on the server process, added through <c>Tools:Assemblies</c> without changing the server:
/// the sample's <c>sha256</c> tool runs in a plan whose next step posts its output.
/// </summary>
public sealed class CustomToolsTests
{
    [Fact]
    public async Task CreatePlan_StepOfASampleTool_RunsAndItsOutputFeedsTheNextStep()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        await using var server = await ServerProcess.StartAsync(ServerSettings.InMemory().With("Tools__Assemblies__0", RepositoryPaths.SampleToolsAssembly));
        var scope = StepEndpoint.NewScope();
        var plan = new JsonObject
        {
            ["description"] = "Hash the release name and report it",
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "hash", ["toolName"] = "sha256", ["description"] = "Hash the name", ["parameters"] = new JsonObject { ["text"] = "release-42" } },
                new JsonObject
                {
                    ["id"] = "report",
                    ["toolName"] = "http_request",
                    ["description"] = "Report the hash",
                    ["parameters"] = new JsonObject { ["method"] = "POST", ["url"] = steps.Url(scope + "/report"), ["body"] = "{{steps.hash.output}}" },
                }),
        };

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan));
        var pending = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await server.Api.DecideAcceptedAsync(created.Id, "approve");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("release-42")));
        Assert.Equal(ToolRisk.Read, pending.Steps[0].Risk);
        Assert.Equal(expected, done.Steps[0].Output);
        Assert.Equal(expected, Assert.Single(steps.CallsTo(scope + "/report")).Body);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task GetTools_SampleAssemblyConfigured_ListsItsToolsBesideTheBuiltInOnes()
    {
        // Arrange
        await using var server = await ServerProcess.StartAsync(ServerSettings.InMemory().With("Tools__Assemblies__0", RepositoryPaths.SampleToolsAssembly));

        // Act
        using var response = await server.Api.GetPathAsync("api/tools");

        // Assert
        var tools = JsonNode.Parse(await server.Api.ExpectAsync(response, System.Net.HttpStatusCode.OK))!;
        var names = (tools as JsonArray ?? tools["tools"]!.AsArray()).Select(tool => (string)tool!["name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["count_words", "http_request", "notify", "sha256", "wait"], names);
    }

    [Fact]
    public async Task Start_ToolAssemblyThatCannotBeLoaded_FailsNamingTheSetting()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Contoso.PlanTools.dll");
        var settings = ServerSettings.InMemory().With("Tools__Assemblies__0", missing);

        // Act
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => ServerProcess.StartAsync(settings));

        // Assert
        Assert.Contains($"Tools:Assemblies:0 '{missing}' could not be loaded", refused.Message, StringComparison.Ordinal);
    }
}
