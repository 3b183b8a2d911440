using System.Text.Json.Nodes;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;
using ExecutionPlans.Workflow.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>The activity wrappers, over the real activity classes, catalog and tools.</summary>
public sealed partial class WorkflowFunctionsTests : IDisposable
{
    private const string HttpRequestToolName = HttpRequestTool.ToolName;

    private readonly Mock<IExecutionPlanGenerator> generator = new(MockBehavior.Strict);
    private readonly ServiceProvider provider;
    private readonly WorkflowFunctions functions;

    public WorkflowFunctionsTests()
    {
        provider = TestServices.Build(
            new() { ["Workflow:MaxStepOutputChars"] = "256" },
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton(generator.Object));
                services.AddPlanTool((string text) => $"echo: {text}", "echo", "Echoes its text.");
                services.AddPlanTool((int count) => new string('x', count), "repeat", "Writes count x characters.");
                services.AddPlanTool(string () => throw new InvalidOperationException("The disk is full."), "broken", "Always fails.");
            });
        functions = ActivatorUtilities.CreateInstance<WorkflowFunctions>(provider);
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task GeneratePlanAsync_Input_ReturnsTheGeneratorsPlan()
    {
        var generated = new ExecutionPlan { Description = "Check the status page", Steps = [TestPlans.HttpStep()] };
        generator.Setup(g => g.GenerateExecutionPlanAsync("Check the status page", It.IsAny<CancellationToken>())).ReturnsAsync(generated);

        var plan = await functions.GeneratePlanAsync("Check the status page", FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.Same(generated, plan);
    }

    [Fact]
    public async Task ModifyPlanAsync_Request_HandsPlanAndFeedbackToTheGenerator()
    {
        var current = new ExecutionPlan { Description = "Check the status page", Steps = [TestPlans.HttpStep()] };
        var modified = new ExecutionPlan { Description = "Check the staging status page", Steps = [TestPlans.HttpStep()], Version = 2 };
        generator.Setup(g => g.ModifyExecutionPlanAsync(current, "Use staging", It.IsAny<CancellationToken>())).ReturnsAsync(modified);

        var plan = await functions.ModifyPlanAsync(new ModifyPlanRequest(current, "Use staging"), FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.Same(modified, plan);
    }

    [Fact]
    public async Task ValidatePlanAsync_ValidPlan_ReturnsNoErrors()
    {
        var plan = new ExecutionPlan { Description = "d", Steps = [TestPlans.HttpStep(), Step("s2", "echo", new() { ["text"] = "hi" })] };

        var errors = await functions.ValidatePlanAsync(plan, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ValidatePlanAsync_InvalidPlan_ReturnsTheCatalogsErrors()
    {
        var plan = new ExecutionPlan
        {
            Description = "d",
            Steps = [Step("s1", "deploy", []), Step("s2", HttpRequestToolName, new() { ["method"] = "GET" })],
        };

        var errors = await functions.ValidatePlanAsync(plan, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.Contains(errors, e => e.Code == PlanValidationCodes.UnknownTool && e.StepId == "s1");
        Assert.Contains(errors, e => e.Code == PlanValidationCodes.InvalidParameters && e.StepId == "s2");
    }

    [Fact]
    public async Task ExecuteStepAsync_Tool_RunsItAndReturnsItsOutput()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "echo", new() { ["text"] = "hello" }));

        var result = await functions.ExecuteStepAsync(request, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.True(result.Succeeded);
        Assert.Equal("echo: hello", result.Output);
        Assert.Null(result.Error);
        Assert.False(result.OutputTruncated);
    }

    [Fact]
    public async Task ExecuteStepAsync_LongOutput_CutToMaxStepOutputChars()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "repeat", new() { ["count"] = 1000 }));

        var result = await functions.ExecuteStepAsync(request, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.True(result.Succeeded);
        Assert.Equal(256, result.Output?.Length);
        Assert.True(result.OutputTruncated);
    }

    [Fact]
    public async Task ExecuteStepAsync_ToolThrows_ReturnsAFailedResult()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "broken", []));

        var result = await functions.ExecuteStepAsync(request, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.False(result.Succeeded);
        Assert.Null(result.Output);
        Assert.Contains("The disk is full.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteStepAsync_HttpRequestToHostNotAllowed_FailsNamingTheSetting()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", HttpRequestToolName, new() { ["url"] = "https://not-allowed.example/" }));

        var result = await functions.ExecuteStepAsync(request, FunctionContexts.ForInstance(TestPlans.PlanId).Object);

        Assert.False(result.Succeeded);
        Assert.Contains("not-allowed.example", result.Error, StringComparison.Ordinal);
        Assert.Contains("Tools:Http:AllowedHosts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteStepAsync_ContextWithoutInstanceId_StillRunsTheStep()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "echo", new() { ["text"] = "hello" }));

        var result = await functions.ExecuteStepAsync(request, FunctionContexts.ForInstance(null).Object);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task ExecuteStepAsync_Invoked_ReadsTheInstanceIdFromTheBindingData()
    {
        var context = FunctionContexts.ForInstance(TestPlans.PlanId);
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "echo", new() { ["text"] = "hello" }));

        await functions.ExecuteStepAsync(request, context.Object);

        context.VerifyGet(c => c.BindingContext, Times.AtLeastOnce());
    }

    [Fact]
    public async Task ExecuteStepAsync_NullContext_ThrowsArgumentNullException()
    {
        var request = new ExecuteStepRequest(TestPlans.PlanId, Step("s1", "echo", new() { ["text"] = "hello" }));

        await Assert.ThrowsAsync<ArgumentNullException>(() => functions.ExecuteStepAsync(request, null!));
    }

    private static ExecutionStep Step(string id, string toolName, JsonObject parameters) =>
        new() { Id = id, ToolName = toolName, Description = $"Run {toolName}", Parameters = parameters };
}
