using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExecutionPlans.UnitTests.Execution;

public sealed class ExecutionPlanExecutorGraphTests
{
    private static readonly PlanTool Pods = PlanTool.Create(() => """{"items": [{"name": "api-1", "replicas": 3}]}""", "list_pods", "Lists pods.");

    private static readonly PlanTool Restart = PlanTool.Create((string pod, int replicas) => $"restarted {pod} x{replicas}", "restart", "Restarts a pod.");

    [Fact]
    public async Task ExecutePlanAsync_StepReadingAnEarlierOutput_GetsTheValueWithItsType()
    {
        // Arrange: the reader comes first in the list, but depends on the step after it.
        var reader = TestPlans.Step("restart", "restart", new JsonObject
        {
            ["pod"] = "{{steps.pods.output.items[0].name}}",
            ["replicas"] = "{{steps.pods.output.items[0].replicas}}",
        });
        reader.DependsOn = ["pods"];
        var pods = TestPlans.Step("pods", "list_pods");
        pods.DependsOn = [];
        var executor = new ExecutionPlanExecutor(new ToolCatalog(Pods, Restart), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(reader, pods));

        // Assert
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal("restarted api-1 x3", done.Steps[0].Output);
        Assert.Equal(3, done.Steps[0].ResolvedParameters!["replicas"]!.GetValue<int>());
        Assert.Equal("{{steps.pods.output.items[0].name}}", done.Steps[0].Parameters["pod"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecutePlanAsync_Diamond_TheLastStepReceivesBothBranchesValues()
    {
        // Arrange: top → left, right → bottom; bottom takes a typed value from left and text from right.
        var top = PlanTool.Create(() => """{"pod": "api-1", "replicas": 3}""", "inventory", "Reads the inventory.");
        var scale = PlanTool.Create((string pod, int replicas) => $$"""{"scaled": "{{pod}}", "to": {{replicas + 1}}}""", "scale", "Scales a pod.");
        var label = PlanTool.Create((string pod) => $"labelled {pod}", "label", "Labels a pod.");
        var report = PlanTool.Create((int to, string note) => $"{note}; now {to}", "report", "Reports.");
        var topStep = TestPlans.Step("top", "inventory");
        topStep.DependsOn = [];
        var left = TestPlans.Step("left", "scale", new JsonObject { ["pod"] = "{{steps.top.output.pod}}", ["replicas"] = "{{steps.top.output.replicas}}" });
        left.DependsOn = ["top"];
        var right = TestPlans.Step("right", "label", new JsonObject { ["pod"] = "{{steps.top.output.pod}}" });
        right.DependsOn = ["top"];
        var bottom = TestPlans.Step("bottom", "report", new JsonObject { ["to"] = "{{steps.left.output.to}}", ["note"] = "right said {{steps.right.output}}" });
        bottom.DependsOn = ["left", "right"];
        var executor = new ExecutionPlanExecutor(new ToolCatalog(top, scale, label, report), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(topStep, left, right, bottom));

        // Assert
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal("right said labelled api-1; now 4", done.Steps[3].Output);
        Assert.Equal(4, done.Steps[3].ResolvedParameters!["to"]!.GetValue<int>());
        Assert.Equal("right said labelled api-1", done.Steps[3].ResolvedParameters!["note"]!.GetValue<string>());
        Assert.Equal(3, done.Steps[1].ResolvedParameters!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecutePlanAsync_PathThatDoesNotResolve_FailsTheStepWithoutRunningIt()
    {
        // Arrange
        var reader = TestPlans.Step("restart", "restart", new JsonObject { ["pod"] = "{{steps.pods.output.items[9].name}}", ["replicas"] = 1 });
        var executor = new ExecutionPlanExecutor(new ToolCatalog(Pods, Restart), TimeProvider.System, NullLogger<ExecutionPlanExecutor>.Instance);

        // Act
        var done = await executor.ExecutePlanAsync(TestPlans.Approved(TestPlans.Step("pods", "list_pods"), reader));

        // Assert
        Assert.Equal(PlanStatus.Failed, done.Status);
        Assert.Equal(StepStatus.Failed, done.Steps[1].Status);
        Assert.Contains("has no item [9]", done.Steps[1].Error, StringComparison.Ordinal);
        Assert.Null(done.Steps[1].Output);
    }
}
