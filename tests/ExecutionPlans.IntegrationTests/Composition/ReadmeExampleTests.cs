using ExecutionPlans.IntegrationTests.Packaging;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.Composition;

/// <summary>
/// The README's library example, built from the README's own text against the packed library (<see cref="ReadmeExampleApp"/>)
/// and run against a local OpenAI-compatible server: it proposes and prints a plan, approves it, runs it with its own
/// tools and prints the outcome, for a plan that completes and for one whose step fails.
/// </summary>
[Collection(PackedLibrariesGroup.Name)]
public sealed class ReadmeExampleTests(PackedLibraries packed, ReadmeExampleApp app) : IClassFixture<ReadmeExampleApp>, IAsyncLifetime
{
    private const string Request = "Restart the API with as many replicas as it has now";

    private FakeChatCompletionServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatCompletionServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Example_PlanCompletes_PrintsThePlanThenTheLastStepsOutput()
    {
        // The model answers the README's plan: step 2 takes its replicas from step 1's output.
        server.Enqueue(ScriptedReply.Answer(Plan("{{steps.s1.output.replicas}}")));

        var run = await RunExampleAsync();

        Assert.True(run.ExitCode == 0, run.Printed);
        Assert.Contains("# Execution Plan: Restart the API", run.Lines);
        Assert.Contains("Status: pending_approval", run.Lines);
        Assert.Contains("Tool: restart_service", run.Lines);
        Assert.Contains("- replicas: {{steps.s1.output.replicas}} ← s1.output.replicas", run.Lines);
        Assert.Equal("Completed: restarted api with 3 replicas", run.Lines[^1]);
        Assert.Contains($"// {run.Lines[^1]}", app.Example.Program, StringComparison.Ordinal);
        var request = Assert.Single(server.Requests);
        var sent = string.Concat(Enumerable.Range(0, request.Messages.Count).Select(request.MessageContent));
        Assert.Contains("restart_service", sent, StringComparison.Ordinal);
        Assert.Contains(Request, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Example_StepFails_PrintsThePlansErrorWithTheStepsError()
    {
        // Step 1's output has no "instances", so step 2 cannot be given its replicas and fails.
        server.Enqueue(ScriptedReply.Answer(Plan("{{steps.s1.output.instances}}")));

        var run = await RunExampleAsync();

        Assert.True(run.ExitCode == 0, run.Printed);
        Assert.StartsWith("Failed: ", run.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("Step 2 ('s2') failed", run.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("{{steps.s1.output.instances}}: 's1.output' has no property 'instances'.", run.Lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(run.Lines, line => line.StartsWith("Completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Example_Packages_PinTheReleaseAndTheLibrarysOwnDependencyVersions()
    {
        await app.BuildAsync(packed);
        var library = ReadmeExampleApp.PackagesIn(Path.Combine(RepositoryPaths.Root, "src", "ExecutionPlans", "obj", "project.assets.json"));
        var restored = app.RestoredPackages();

        var (id, version) = Assert.Single(app.Example.Packages, package => package.Id == "ExecutionPlans");
        Assert.Equal(packed[id].Version.Split('-')[0], version);
        Assert.All(app.Example.Packages, package => Assert.False(package.Version is null, $"The README adds {package.Id} without --version."));

        // A package the README adds must not lift one the library depends on to another version.
        Assert.All(library.Keys.Intersect(restored.Keys), shared => Assert.True(library[shared] == restored[shared], $"{shared}: {restored[shared]} in the example, {library[shared]} in the library."));
        Assert.Equal(packed[id].Version, restored[id]);
    }

    private async Task<ChildResult> RunExampleAsync()
    {
        await app.BuildAsync(packed);
        return await app.RunAsync(new Dictionary<string, string>
        {
            ["OpenAI__BaseUrl"] = server.OpenAIBaseUrl,
            ["OpenAI__Model"] = "test-model",
        });
    }

    private static string Plan(string replicas) =>
        $$$"""
        {"description":"Restart the API","steps":[
          {"id":"s1","toolName":"get_service","description":"Read the API's settings","input":"api","parameters":{"service":"api"}},
          {"id":"s2","toolName":"restart_service","description":"Restart the API pods","input":"api, as many replicas as now",
           "parameters":{"service":"api","replicas":"{{{replicas}}}"}}]}
        """;
}
