using ExecutionPlans.Agents;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.ModelClients;
using ExecutionPlans.Planning;
using ExecutionPlans.Storage;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.UnitTests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.UnitTests.Composition;

public class ExecutionPlansServiceCollectionExtensionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public async Task AddExecutionPlans_NoModel_RegistersEverythingAndAGeneratorThatNamesTheSettings()
    {
        await using var provider = new ServiceCollection().AddExecutionPlans(Configuration()).BuildServiceProvider();

        var generator = provider.GetRequiredService<IExecutionPlanGenerator>();
        var error = await Assert.ThrowsAsync<ModelConfigurationException>(() => generator.GenerateExecutionPlanAsync("anything"));

        Assert.Contains("OpenAI:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureOpenAI:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Null(provider.GetService<IChatClient>());
        Assert.NotNull(provider.GetRequiredService<ExecutionPlanAgent>());
        Assert.Same(provider.GetRequiredService<ExecutionPlanExecutor>(), provider.GetRequiredService<IExecutionPlanExecutor>());
        Assert.IsType<InMemoryExecutionPlanStore>(provider.GetRequiredService<IExecutionPlanStore>());
    }

    [Fact]
    public async Task AddExecutionPlans_ExecutorRegisteredBefore_TheAgentRunsPlansWithIt()
    {
        // Arrange: an executor of one's own, registered first, as a custom generator would be.
        var custom = new RecordingExecutor();
        var services = new ServiceCollection().AddSingleton<IExecutionPlanExecutor>(custom);
        services.AddExecutionPlans(Configuration());
        services.AddSingleton<IExecutionPlanGenerator>(new FixedGenerator());
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<ExecutionPlanAgent>();

        // Act
        var plan = await agent.ProcessRequestAsync("anything");
        var done = await agent.ApproveExecutionPlanAsync(plan.TaskId);

        // Assert
        Assert.Same(custom, provider.GetRequiredService<IExecutionPlanExecutor>());
        Assert.Equal([plan.TaskId], custom.Ran);
        Assert.Equal(PlanStatus.Completed, done.Status);
    }

    [Fact]
    public async Task AddExecutionPlans_MaxParallelStepsConfigured_TheExecutorRunsThatManyStepsAtOnce()
    {
        // Arrange: two independent steps, one slot.
        var gated = new GatedTool();
        var services = new ServiceCollection()
            .AddExecutionPlans(Configuration(("Execution:MaxParallelSteps", "1")))
            .AddSingleton(gated.Tool);
        await using var provider = services.BuildServiceProvider();
        var executor = provider.GetRequiredService<ExecutionPlanExecutor>();
        var running = executor.ExecutePlanAsync(TestPlans.Approved(GatedTool.Step("a", dependsOn: []), GatedTool.Step("b", dependsOn: [])));

        // Act
        await gated.EnteredAsync("a");
        var whileOneRuns = executor.GetPlan(TestPlans.PlanId)!;
        gated.Release("a");
        gated.Release("b");
        var done = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.Equal([StepStatus.Running, StepStatus.Pending], whileOneRuns.Steps.Select(s => s.Status));
        Assert.Equal(1, gated.MaxInFlight);
        Assert.Equal(PlanStatus.Completed, done.Status);
    }

    [Fact]
    public async Task AddExecutionPlans_OpenAIConfigured_RegistersTheModelGenerator()
    {
        var configuration = Configuration(("OpenAI:BaseUrl", "http://127.0.0.1:9/v1"), ("OpenAI:Model", "m"));

        await using var provider = new ServiceCollection().AddExecutionPlans(configuration).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IChatClient>());
        Assert.IsType<ExecutionPlanGenerator>(provider.GetRequiredService<IExecutionPlanGenerator>());
    }

    [Fact]
    public void AddExecutionPlans_HalfConfiguredModel_FailsNamingTheMissingSetting()
    {
        var configuration = Configuration(("AzureOpenAI:Endpoint", "https://example.openai.azure.com"));

        var error = Assert.Throws<ModelConfigurationException>(() => new ServiceCollection().AddExecutionPlans(configuration));

        Assert.Contains("AzureOpenAI:Deployment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPlanTool_CustomTool_JoinsTheBuiltInToolsInTheCatalog()
    {
        var services = new ServiceCollection()
            .AddExecutionPlans(Configuration(("Tools:Http:AllowedHosts:0", "example.com")))
            .AddPlanTool((string text) => text, "echo", "Returns its text.");

        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<ToolCatalog>();

        Assert.Equal(["echo", "http_request", "wait"], catalog.Tools.Select(t => t.Name));
    }

    [Fact]
    public async Task AddExecutionPlans_InvalidPlanLimit_FailsAtStartNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("Plans:MaxSteps", "0")]);
        builder.Services.AddExecutionPlans(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingExecutor : IExecutionPlanExecutor
    {
        public List<string> Ran { get; } = [];

        public Task<ExecutionPlan> ExecutePlanAsync(ExecutionPlan plan, CancellationToken cancellationToken = default)
        {
            Ran.Add(plan.TaskId);
            var done = plan.Clone();
            done.Status = PlanStatus.Completed;
            return Task.FromResult(done);
        }

        public bool CancelPlan(string taskId) => false;

        public PlanStatus? GetPlanStatus(string taskId) => null;

        public ExecutionPlan? GetPlan(string taskId) => null;
    }

    private sealed class FixedGenerator : IExecutionPlanGenerator
    {
        public Task<ExecutionPlan> GenerateExecutionPlanAsync(string request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ExecutionPlan { TaskId = "custom-1", Description = request, Steps = [new ExecutionStep { Id = "s1", ToolName = "none" }] });

        public Task<ExecutionPlan> ModifyExecutionPlanAsync(ExecutionPlan plan, string feedback, CancellationToken cancellationToken = default) =>
            Task.FromResult(plan);
    }
}
