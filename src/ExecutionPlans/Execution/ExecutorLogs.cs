using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Execution;

/// <summary>The log messages of <see cref="ExecutionPlanExecutor"/>.</summary>
internal static partial class ExecutorLogs
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Executing plan {PlanId} with {StepCount} steps")]
    public static partial void PlanStarted(this ILogger logger, string planId, int stepCount);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Plan {PlanId} is not valid and was not run: {Error}")]
    public static partial void PlanInvalid(this ILogger logger, string planId, string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Plan {PlanId} completed")]
    public static partial void PlanCompleted(this ILogger logger, string planId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Plan {PlanId} was cancelled")]
    public static partial void PlanCancelled(this ILogger logger, string planId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Executing plan {PlanId} stopped on an unexpected error")]
    public static partial void PlanAborted(this ILogger logger, string planId, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Plan {PlanId} is cancelling: no new step starts, the running ones finish")]
    public static partial void PlanCancelling(this ILogger logger, string planId);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Debug, Message = "Plan {PlanId}: step {StepId} calls tool {ToolName}")]
    public static partial void StepStarted(this ILogger logger, string planId, string stepId, string toolName);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Debug, Message = "Plan {PlanId}: step {StepId} succeeded")]
    public static partial void StepSucceeded(this ILogger logger, string planId, string stepId);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Plan {PlanId}: step {StepId} failed: {Error}")]
    public static partial void StepFailed(this ILogger logger, string planId, string stepId, string error);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Plan {PlanId}: the tool of step {StepId} failed after the plan was cancelled")]
    public static partial void ToolFailedAfterCancel(this ILogger logger, string planId, string stepId, Exception exception);
}
