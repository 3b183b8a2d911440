using ExecutionPlans.Tools;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>Runs one step's tool with the step's parameters.</summary>
public sealed partial class ExecuteStepActivity(
    ToolCatalog catalog,
    IOptions<WorkflowOptions> options,
    ILogger<ExecuteStepActivity> logger) : TaskActivity<ExecuteStepRequest, StepResult>
{
    /// <inheritdoc />
    public override async Task<StepResult> RunAsync(TaskActivityContext context, ExecuteStepRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = input.Step;
        LogStepStarting(logger, input.PlanId, step.Id, step.ToolName);
        string output;
        try
        {
            output = await catalog.ExecuteAsync(step);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A tool's failure is the step's result, not the activity's: the plan records it and stops.
            LogStepFailed(logger, exception, input.PlanId, step.Id, step.ToolName);
            return new StepResult(false, null, exception.Message);
        }

        var limit = options.Value.MaxStepOutputChars;
        var truncated = output.Length > limit;
        LogStepSucceeded(logger, input.PlanId, step.Id, output.Length);

        // Never keep half of a surrogate pair: serializers turn it into a replacement character.
        var kept = truncated && char.IsHighSurrogate(output[limit - 1]) ? limit - 1 : limit;
        return new StepResult(true, truncated ? output[..kept] : output, null, truncated);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} starting tool {ToolName}")]
    private static partial void LogStepStarting(ILogger logger, string planId, string stepId, string toolName);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} succeeded with {OutputLength} characters of output")]
    private static partial void LogStepSucceeded(ILogger logger, string planId, string stepId, int outputLength);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Plan {PlanId}: step {StepId} (tool {ToolName}) failed")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string planId, string stepId, string toolName);
}
