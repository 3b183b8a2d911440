using System.Text.Json.Nodes;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Details;
using ExecutionPlans.Workflow.UnitTests.TestSupport;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Activities;

public sealed class ExecuteStepActivityTests
{
    private const int Limit = 300;

    [Fact]
    public async Task RunAsync_ToolSucceeds_ReturnsItsOutput()
    {
        // Arrange
        var activity = Activity(parameters => Task.FromResult("echo: " + parameters["text"]));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.Equal(new StepResult(true, "echo: s1", null, false), result);
    }

    [Fact]
    public async Task RunAsync_ToolThrows_ReturnsAFailedResultWithTheMessage()
    {
        // Arrange
        var activity = Activity(_ => throw new InvalidOperationException("The service answered 503."));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.Equal(new StepResult(false, null, "The service answered 503."), result);
    }

    [Fact]
    public async Task RunAsync_ToolFailsAsynchronously_ReturnsAFailedResult()
    {
        // Arrange
        var activity = Activity(async _ =>
        {
            await Task.Yield();
            throw new HttpRequestException("Connection refused.");
        });

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.False(result.Succeeded);
        Assert.Equal("Connection refused.", result.Error);
    }

    [Fact]
    public async Task RunAsync_UnknownTool_ReturnsAFailedResult()
    {
        // Arrange
        var activity = Activity(_ => Task.FromResult("unused"));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1", toolName: "missing")));

        // Assert
        Assert.False(result.Succeeded);
        Assert.Contains("'missing'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ParametersBreakTheSchema_ReturnsAFailedResultWithoutCallingTheTool()
    {
        // Arrange
        var called = false;
        var activity = Activity(_ =>
        {
            called = true;
            return Task.FromResult("unused");
        });
        var step = TestPlans.Step("s1");
        step.Parameters = new JsonObject { ["text"] = 42 };

        // Act
        var result = await activity.RunAsync(Context(), Request(step));

        // Assert
        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.False(called);
    }

    [Fact]
    public async Task RunAsync_ToolCancelled_LetsTheCancellationThrough()
    {
        // Arrange
        var activity = Activity(_ => throw new OperationCanceledException());

        // Act
        var exception = await Record.ExceptionAsync(() => activity.RunAsync(Context(), Request(TestPlans.Step("s1"))));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    [Fact]
    public async Task RunAsync_OutputLongerThanTheLimit_IsCutAndMarked()
    {
        // Arrange
        var output = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3}\n"));
        var activity = Activity(_ => Task.FromResult(output));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.True(result.Succeeded);
        Assert.True(result.OutputTruncated);
        Assert.Equal(output[..Limit], result.Output);
    }

    [Fact]
    public async Task RunAsync_OutputOfExactlyTheLimit_IsKeptWhole()
    {
        // Arrange
        var output = new string('x', Limit);
        var activity = Activity(_ => Task.FromResult(output));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.Equal((true, output, false), (result.Succeeded, result.Output, result.OutputTruncated));
    }

    [Fact]
    public async Task RunAsync_CutFallingInsideASurrogatePair_KeepsTheTextWellFormed()
    {
        // Arrange: the limit falls between the two halves of an emoji.
        var output = new string('x', Limit - 1) + string.Concat(Enumerable.Repeat("😀", 10));
        var activity = Activity(_ => Task.FromResult(output));

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.True(result.OutputTruncated);
        Assert.True(result.Output!.Length <= Limit);
        Assert.False(char.IsHighSurrogate(result.Output[^1]), "The output ends with half a character.");
        Assert.StartsWith(new string('x', Limit - 1), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NullRequest_Throws()
    {
        // Arrange
        var activity = Activity(_ => Task.FromResult("unused"));

        // Act
        var exception = await Record.ExceptionAsync(() => activity.RunAsync(Context(), null!));

        // Assert
        Assert.IsType<ArgumentNullException>(exception);
    }

    [Fact]
    public async Task RunAsync_ToolSucceeds_KeepsTheWholeResultWithTheParametersItRanWith()
    {
        // Arrange
        var store = new InMemoryPlanDetailStore();
        var activity = Activity(parameters => Task.FromResult("echo: " + parameters["text"]), store);
        var step = TestPlans.Step("s1");

        // Act
        await activity.RunAsync(Context(), Request(step) with { Version = 2 });

        // Assert
        var record = (await store.ReadAsync(OrchestrationContextFake.DefaultInstanceId)).Steps["s1"];
        Assert.Equal(("s1", 2, true, "echo: s1", false, (string?)null), (record.StepId, record.Version, record.Succeeded, record.Output, record.OutputTruncated, record.Error));
        Assert.Equal(step.Parameters.ToJsonString(), record.ResolvedParameters!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_ToolFails_KeepsTheError()
    {
        // Arrange
        var store = new InMemoryPlanDetailStore();
        var activity = Activity(_ => throw new InvalidOperationException("the target said no"), store);

        // Act
        await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        var record = (await store.ReadAsync(OrchestrationContextFake.DefaultInstanceId)).Steps["s1"];
        Assert.Equal((false, (string?)null, "the target said no"), (record.Succeeded, record.Output, record.Error));
    }

    [Fact]
    public async Task RunAsync_StoreFails_StillReturnsTheToolsResult()
    {
        // Arrange: the tool ran; a store that fails must not turn its success into a failure.
        var store = new Mock<IPlanDetailStore>();
        store.Setup(s => s.SaveStepAsync(It.IsAny<string>(), It.IsAny<StepRecord>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("the storage account is unreachable"));
        var activity = Activity(_ => Task.FromResult("done"), store.Object);

        // Act
        var result = await activity.RunAsync(Context(), Request(TestPlans.Step("s1")));

        // Assert
        Assert.Equal(new StepResult(true, "done", null, false), result);
        store.Verify(s => s.SaveStepAsync(OrchestrationContextFake.DefaultInstanceId, It.IsAny<StepRecord>(), It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task RunAsync_FailureThatMayPassWithAttemptsLeft_SaysWhenToTryAgain()
    {
        // Arrange: the step allows three attempts, 2 s then 4 s apart.
        var activity = Activity(_ => throw new ToolExecutionException("HTTP 503") { IsTransient = true });
        var step = TestPlans.Step("s1");
        step.Retry = new Model.StepRetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(2) };

        // Act
        var first = await activity.RunAsync(Context(), Request(step) with { Attempt = 1 });
        var second = await activity.RunAsync(Context(), Request(step) with { Attempt = 2 });
        var last = await activity.RunAsync(Context(), Request(step) with { Attempt = 3 });

        // Assert
        Assert.Equal((false, true, TimeSpan.FromSeconds(2)), (first.Succeeded, first.Transient, first.RetryIn));
        Assert.Equal(TimeSpan.FromSeconds(4), second.RetryIn);
        Assert.Equal((true, (TimeSpan?)null), (last.Transient, last.RetryIn));
    }

    [Fact]
    public async Task RunAsync_FailureThatWillNotPass_IsNotTriedAgain()
    {
        // Arrange
        var activity = Activity(_ => throw new ToolExecutionException("HTTP 404"));
        var step = TestPlans.Step("s1");
        step.Retry = new Model.StepRetryPolicy { MaxAttempts = 3 };

        // Act
        var result = await activity.RunAsync(Context(), Request(step));

        // Assert
        Assert.Equal((false, false, (TimeSpan?)null, "HTTP 404"), (result.Succeeded, result.Transient, result.RetryIn, result.Error));
    }

    [Fact]
    public async Task RunAsync_AttemptOutlastsTheStepsTimeout_FailsAsMayPass()
    {
        // Arrange: a tool that ignores its token and never answers; the step allows 50 ms.
        var never = new TaskCompletionSource<string>();
        var activity = Activity(_ => never.Task);
        var step = TestPlans.Step("s1");
        step.Timeout = TimeSpan.FromMilliseconds(50);

        // Act
        var result = await activity.RunAsync(Context(), Request(step));

        // Assert
        Assert.False(result.Succeeded);
        Assert.True(result.Transient);
        Assert.Contains("timed out after PT0.05S (attempt 1)", result.Error, StringComparison.Ordinal);
    }

    private static ExecuteStepActivity Activity(Func<JsonObject, Task<string>> action, IPlanDetailStore? store = null) =>
        new(
            new ToolCatalog(new StubTool(TestPlans.Tool, StubTool.TextSchema, action)),
            store ?? new InMemoryPlanDetailStore(),
            Options.Create(new WorkflowOptions { MaxStepOutputChars = Limit }),
            NullLogger<ExecuteStepActivity>.Instance);

    private static ExecuteStepRequest Request(Model.ExecutionStep step) => new(OrchestrationContextFake.DefaultInstanceId, step);

    private static TaskActivityContext Context() => new Mock<TaskActivityContext>().Object;
}
