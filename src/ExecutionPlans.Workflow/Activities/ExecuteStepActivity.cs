using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Details;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>
/// Runs one step's tool with the step's parameters (references already filled in), and keeps the whole result in
/// the <see cref="IPlanDetailStore"/>, where views of large plans read it.
/// </summary>
public sealed partial class ExecuteStepActivity(
    ToolCatalog catalog,
    IPlanDetailStore details,
    IOptions<WorkflowOptions> options,
    ILogger<ExecuteStepActivity> logger) : TaskActivity<ExecuteStepRequest, StepResult>
{
    private const string TimedOut = "The step timed out";

    /// <inheritdoc />
    public override async Task<StepResult> RunAsync(TaskActivityContext context, ExecuteStepRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await RunToolAsync(input);
        await KeepAsync(input, result);
        return result;
    }

    private async Task<StepResult> RunToolAsync(ExecuteStepRequest input)
    {
        var step = input.Step;
        var attempt = Math.Max(1, input.Attempt);
        using var span = PlanTelemetry.StartPlanActivity("plan.step", input.PlanId);
        span?.SetTag(PlanTelemetry.StepIdTag, step.Id).SetTag(PlanTelemetry.ToolTag, step.ToolName).SetTag(PlanTelemetry.AttemptTag, attempt);
        var started = Stopwatch.GetTimestamp();
        var result = await RunAttemptAsync(input, step, attempt);
        var outcome = result.Succeeded ? "succeeded" : result.Error?.StartsWith(TimedOut, StringComparison.Ordinal) == true ? "timed_out" : "failed";
        PlanTelemetry.StepAttempted(step.ToolName, outcome, Stopwatch.GetElapsedTime(started));
        if (span is not null)
        {
            span.SetTag(PlanTelemetry.StepOutcomeTag, outcome);
            if (!result.Succeeded)
            {
                span.SetStatus(ActivityStatusCode.Error, result.Error);
            }
        }

        return result;
    }

    private async Task<StepResult> RunAttemptAsync(ExecuteStepRequest input, ExecutionStep step, int attempt)
    {
        LogStepStarting(logger, input.PlanId, step.Id, step.ToolName, attempt);
        var timeout = catalog.TimeoutFor(step);
        using var deadline = new CancellationTokenSource();
        if (timeout is { } allowed)
        {
            deadline.CancelAfter(allowed);
        }

        string output;
        try
        {
            // WaitAsync ends the attempt on time even when the tool ignores its token.
            output = await catalog.ExecuteAsync(step, new ToolCallContext(input.PlanId, step.Id, attempt), deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
        {
            LogStepFailed(logger, exception, input.PlanId, step.Id, step.ToolName);
            return Failed(input, attempt, $"{TimedOut} after {Durations.Format(timeout!.Value)} (attempt {attempt}).", transient: true, retryAfter: null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A tool's failure is the step's result, not the activity's: the plan records it, and tries again when it may pass.
            LogStepFailed(logger, exception, input.PlanId, step.Id, step.ToolName);
            var tool = exception as ToolExecutionException;
            var transient = tool?.IsTransient ?? exception is TimeoutException or HttpRequestException;
            return Failed(input, attempt, exception.Message, transient, tool?.RetryAfter);
        }

        var limit = options.Value.MaxStepOutputChars;
        var truncated = output.Length > limit;
        LogStepSucceeded(logger, input.PlanId, step.Id, output.Length);

        // Never keep half of a surrogate pair: serializers turn it into a replacement character.
        var kept = truncated && char.IsHighSurrogate(output[limit - 1]) ? limit - 1 : limit;
        return new StepResult(true, truncated ? output[..kept] : output, null, truncated);
    }

    /// <summary>A failed attempt: tried again after a wait when the failure may pass and the step's policy allows another attempt.</summary>
    private StepResult Failed(ExecuteStepRequest input, int attempt, string error, bool transient, TimeSpan? retryAfter)
    {
        var retryIn = catalog.RetryPolicyFor(input.Step).WaitAfterFailure(attempt, transient, retryAfter);
        return new StepResult(false, null, error, Transient: transient, RetryIn: retryIn);
    }

    /// <summary>
    /// Saves the result for views. The tool has run by now, so a store that fails must not turn its result into a
    /// failure: the orchestration still records the result; only a large plan's view shows it shortened.
    /// </summary>
    private async Task KeepAsync(ExecuteStepRequest input, StepResult result)
    {
        var record = new StepRecord(input.Step.Id, input.Version, input.Step.Parameters, result.Succeeded, result.Output, result.OutputTruncated, result.Error);
        try
        {
            await details.SaveStepAsync(input.PlanId, record);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogResultNotKept(logger, exception, input.PlanId, input.Step.Id);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} starting tool {ToolName}, attempt {Attempt}")]
    private static partial void LogStepStarting(ILogger logger, string planId, string stepId, string toolName, int attempt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} succeeded with {OutputLength} characters of output")]
    private static partial void LogStepSucceeded(ILogger logger, string planId, string stepId, int outputLength);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Plan {PlanId}: the result of step {StepId} could not be saved for views; large views show it shortened")]
    private static partial void LogResultNotKept(ILogger logger, Exception exception, string planId, string stepId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Plan {PlanId}: step {StepId} (tool {ToolName}) failed")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string planId, string stepId, string toolName);
}
