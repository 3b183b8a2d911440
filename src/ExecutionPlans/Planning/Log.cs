using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Planning;

/// <summary>The log messages of the planning components.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Generating a plan for a request of {InputLength} characters with {ToolCount} tools")]
    public static partial void GeneratingPlan(ILogger logger, int inputLength, int toolCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Generated plan {PlanId} with {StepCount} steps in {Attempts} model calls")]
    public static partial void PlanGenerated(ILogger logger, string planId, int stepCount, int attempts);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Modifying plan {PlanId} version {Version} on feedback of {FeedbackLength} characters")]
    public static partial void ModifyingPlan(ILogger logger, string planId, int version, int feedbackLength);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Modified plan {PlanId} to version {Version} with {StepCount} steps in {Attempts} model calls")]
    public static partial void PlanModified(ILogger logger, string planId, int version, int stepCount, int attempts);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "The model's answer (call {Attempt}) is not a valid plan: {Problems}")]
    public static partial void AnswerRejected(ILogger logger, int attempt, string problems);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "The model did not produce a valid plan after a repair round: {Problems}")]
    public static partial void GenerationFailed(ILogger logger, string problems);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Plans cannot be generated: the tool catalog is empty")]
    public static partial void EmptyCatalog(ILogger logger);
}
