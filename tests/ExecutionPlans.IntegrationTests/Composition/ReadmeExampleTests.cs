using ExecutionPlans.Agents;
using ExecutionPlans.Formatting;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.IntegrationTests.Composition;

/// <summary>
/// The README's library example, run as written against a local OpenAI-compatible server: generate,
/// format, approve, execute with a custom tool.
/// </summary>
public sealed class ReadmeExampleTests : IAsyncLifetime
{
    private FakeChatCompletionServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatCompletionServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Example_TwoStepsWhereTheSecondReadsTheFirst_RunsWithTheReferencedValue()
    {
        // The model answers the README's plan: step 2 takes its replicas from step 1's output.
        server.Enqueue(ScriptedReply.Answer(
            """
            {"description":"Restart the API","steps":[
              {"id":"s1","toolName":"get_service","description":"Read the API's settings","input":"api","parameters":{"service":"api"}},
              {"id":"s2","toolName":"restart_service","description":"Restart the API pods","input":"api, as many replicas as now",
               "parameters":{"service":"api","replicas":"{{steps.s1.output.replicas}}"}}]}
            """));
        var restarted = new List<string>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpenAI:BaseUrl"] = new Uri(server.BaseAddress, "v1").ToString(),
                ["OpenAI:Model"] = "test-model",
            })
            .Build();

        // As in the README.
        var services = new ServiceCollection()
            .AddExecutionPlans(configuration)
            .AddPlanTool(
                (string service) => $$"""{"service": "{{service}}", "replicas": 3}""",
                "get_service",
                "Reads a service's settings as JSON.")
            .AddPlanTool(
                (string service, int replicas) =>
                {
                    restarted.Add($"{service} x{replicas}");
                    return $"restarted {service} with {replicas} replicas";
                },
                "restart_service",
                "Restarts a service with the given number of replicas.");
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<ExecutionPlanAgent>();

        var plan = await agent.ProcessRequestAsync("Restart the API with as many replicas as it has now");
        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);
        var done = await agent.ApproveExecutionPlanAsync(plan.TaskId);

        Assert.Equal(PlanStatus.PendingApproval, plan.Status);
        Assert.Contains("# Execution Plan: Restart the API", markdown, StringComparison.Ordinal);
        Assert.Contains("Tool: restart_service", markdown, StringComparison.Ordinal);
        Assert.Contains("- replicas: {{steps.s1.output.replicas}} ← s1.output.replicas", markdown, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.True(done.UserApproved);
        Assert.Equal("restarted api with 3 replicas", done.Steps[^1].Output);
        Assert.Equal(["api x3"], restarted);
        Assert.Contains("restart_service", server.Requests[0].MessageContent(0), StringComparison.Ordinal);
    }
}
