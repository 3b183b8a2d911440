using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>
/// The orchestrator trigger, over a mocked orchestration context whose activity calls go, by name and through
/// serialization, to this app's activity functions.
/// </summary>
public sealed partial class WorkflowFunctionsTests
{
    private readonly List<string> activityCalls = [];

    [Fact]
    public async Task RunPlanOrchestratorAsync_GivenPlanWithoutApproval_RunsEveryStepThroughTheActivityFunctions()
    {
        var input = new PlanOrchestrationInput
        {
            Plan = new ExecutionPlan { Description = "Greet twice", Steps = [Step("s1", "echo", new() { ["text"] = "a" }), Step("s2", "echo", new() { ["text"] = "b" })] },
            RequireApproval = false,
        };
        var context = OrchestrationContext(input);

        var view = await WorkflowFunctions.RunPlanOrchestratorAsync(context.Object);

        Assert.Equal(PlanStatus.Completed, view.Status);
        Assert.Equal(TestPlans.PlanId, view.Id);
        Assert.Equal("Greet twice", view.Description);
        Assert.Equal(["echo: a", "echo: b"], view.Steps.Select(s => s.Output));
        Assert.All(view.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal([nameof(ValidatePlanActivity), nameof(AssessPlanActivity), nameof(ExecuteStepActivity), nameof(ExecuteStepActivity)], activityCalls);
        context.Verify(c => c.SetCustomStatus(It.Is<object?>(s => StatusOf(s).Status == PlanStatus.Completed)), Times.AtLeastOnce());
    }

    [Fact]
    public async Task RunPlanOrchestratorAsync_InvalidGivenPlan_FailsWithTheCatalogsErrors()
    {
        var input = new PlanOrchestrationInput
        {
            Plan = new ExecutionPlan { Description = "Deploy", Steps = [Step("s1", "deploy", [])] },
            RequireApproval = false,
        };
        var context = OrchestrationContext(input);

        var view = await WorkflowFunctions.RunPlanOrchestratorAsync(context.Object);

        Assert.Equal(PlanStatus.Failed, view.Status);
        Assert.Contains("'deploy'", view.Error, StringComparison.Ordinal);
        Assert.Equal([nameof(ValidatePlanActivity)], activityCalls);
    }

    [Fact]
    public async Task RunPlanOrchestratorAsync_InputApproved_GeneratesThePlanAndRunsIt()
    {
        generator.Setup(g => g.GenerateExecutionPlanAsync("Say hello", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ExecutionPlan
            {
                Description = "Say hello",
                Steps = [Step("s1", "echo", new() { ["text"] = "hello" })],
                Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Generated }],
            });
        var input = new PlanOrchestrationInput { Input = "Say hello", RequireApproval = true, RequestedBy = "alice" };
        var context = OrchestrationContext(input, approval: JsonSerializer.SerializeToElement(new { version = 1, approver = "bob" }));
        var published = new List<PlanStatus>();
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? status) => published.Add(StatusOf(status).Status));

        var view = await WorkflowFunctions.RunPlanOrchestratorAsync(context.Object);

        Assert.Equal(PlanStatus.Completed, view.Status);
        Assert.True(view.UserApproved);
        Assert.Equal("echo: hello", Assert.Single(view.Steps).Output);
        var decision = Assert.Single(view.Decisions);
        Assert.Equal(DecisionKind.Approve, decision.Kind);
        Assert.Equal(DecisionOutcome.Applied, decision.Outcome);
        Assert.Equal("bob", decision.By);
        Assert.Equal([nameof(GeneratePlanActivity), nameof(AssessPlanActivity), nameof(ExecuteStepActivity)], activityCalls);
        Assert.Contains(PlanStatus.PendingApproval, published);
    }

    [Fact]
    public async Task RunPlanOrchestratorAsync_NoInput_ThrowsInvalidOperationException()
    {
        var context = OrchestrationContext(input: null);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkflowFunctions.RunPlanOrchestratorAsync(context.Object));

        Assert.Contains("without an input", exception.Message, StringComparison.Ordinal);
        Assert.Empty(activityCalls);
    }

    [Fact]
    public async Task RunPlanOrchestratorAsync_NullContext_ThrowsArgumentNullException() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => WorkflowFunctions.RunPlanOrchestratorAsync(null!));

    /// <summary>Serializes an activity's input and reads it back as the activity function's parameter type, as the host does.</summary>
    private static T RoundTrip<T>(object? value) =>
        (T)(JsonDataConverter.Default.Deserialize(JsonDataConverter.Default.Serialize(value), typeof(T))
            ?? throw new InvalidOperationException($"The activity input read back as null: {value}"));

    /// <summary>
    /// An orchestration context for <see cref="TestPlans.PlanId"/>. No event arrives except, when given, one
    /// <c>Approved</c> event; the approval deadline never passes.
    /// </summary>
    private Mock<TaskOrchestrationContext> OrchestrationContext(PlanOrchestrationInput? input, JsonElement? approval = null)
    {
        // CallBase: the context's own virtual members (replay-safe loggers, overloads) run over the mocked abstract ones.
        var context = new Mock<TaskOrchestrationContext> { CallBase = true };
        context.Setup(c => c.GetInput<PlanOrchestrationInput>()).Returns(input);
        context.SetupGet(c => c.InstanceId).Returns(TestPlans.PlanId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(TestPlans.Created.UtcDateTime);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime _, CancellationToken token) => Task.Delay(Timeout.Infinite, token));

        var pendingApproval = approval;
        context.Setup(c => c.WaitForExternalEvent<JsonElement>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken _) =>
            {
                if (name == PlanEvents.Approved && pendingApproval is { } payload)
                {
                    pendingApproval = null;
                    return Task.FromResult(payload);
                }

                return new TaskCompletionSource<JsonElement>().Task;
            });

        var activityContext = FunctionContexts.ForInstance(TestPlans.PlanId).Object;
        context.Setup(c => c.CallActivityAsync<ExecutionPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? activityInput, TaskOptions? _) =>
            {
                activityCalls.Add(name.Name);
                return name.Name == nameof(GeneratePlanActivity)
                    ? functions.GeneratePlanAsync(RoundTrip<string>(activityInput), activityContext)
                    : functions.ModifyPlanAsync(RoundTrip<ModifyPlanRequest>(activityInput), activityContext);
            });
        context.Setup(c => c.CallActivityAsync<List<PlanValidationError>>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? activityInput, TaskOptions? _) =>
            {
                activityCalls.Add(name.Name);
                return functions.ValidatePlanAsync(RoundTrip<ExecutionPlan>(activityInput), activityContext);
            });
        context.Setup(c => c.CallActivityAsync<List<ToolRisk>>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? activityInput, TaskOptions? _) =>
            {
                activityCalls.Add(name.Name);
                return functions.AssessPlanAsync(RoundTrip<ExecutionPlan>(activityInput), activityContext);
            });
        context.Setup(c => c.CallActivityAsync<StepResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? activityInput, TaskOptions? _) =>
            {
                activityCalls.Add(name.Name);
                return functions.ExecuteStepAsync(RoundTrip<ExecuteStepRequest>(activityInput), activityContext);
            });
        return context;
    }

    /// <summary>The custom status as the host writes it: the orchestrator publishes a live object that serializes as the view.</summary>
    private static PlanView StatusOf(object? status) =>
        System.Text.Json.JsonSerializer.Deserialize<PlanView>(System.Text.Json.JsonSerializer.Serialize(status))!;
}
