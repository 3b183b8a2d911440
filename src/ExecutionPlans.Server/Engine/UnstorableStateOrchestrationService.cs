using System.Globalization;
using System.Text;
using Azure;
using DurableTask.Core;
using DurableTask.Core.History;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Fails an orchestration whose state cannot be stored, with a message saying why, instead of handing its episode
/// back to run again: the Azure Storage provider keeps a custom status in one table property (64 KB at most), and an
/// episode it cannot store comes back for ever, each time writing part of its history again. Two checks: a custom
/// status over <see cref="MaxCustomStatusBytes"/> (the limit Durable Functions applies, so both hosts refuse the
/// same), before anything is sent; and the storage refusing the state as too large, after. Either way the episode is
/// stored as the orchestration's end, failed, with no custom status and none of the tasks, timers or events it started.
/// </summary>
internal sealed partial class UnstorableStateOrchestrationService(
    IOrchestrationService inner,
    ILogger<UnstorableStateOrchestrationService> logger) : DelegatingOrchestrationService(inner)
{
    /// <summary>The largest custom status, as JSON text encoded in UTF-16, in bytes.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>The error type of the failure (<see cref="FailureDetails.ErrorType"/>).</summary>
    public const string ErrorType = "ExecutionPlans.StateTooLarge";

    // What Azure Table storage answers for a property, an entity or a batch over its size limits.
    private static readonly string[] TooLargeCodes = ["PropertyValueTooLarge", "EntityTooLarge", "RequestBodyTooLarge"];

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var state = newOrchestrationRuntimeState ?? workItem.OrchestrationRuntimeState;
        if (OversizedStatus(state) is { } reason)
        {
            await FailAsync(workItem, state, orchestrationState, reason);
            return;
        }

        try
        {
            await Inner.CompleteTaskOrchestrationWorkItemAsync(
                workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        }
        catch (Exception exception) when (TooLargeCode(exception) is { } code && state.ExecutionStartedEvent is not null)
        {
            // Part of the history may be stored already; the failed episode stores the same rows again, and one more.
            // Its tasks' messages may be out: the end of the execution, stored now, keeps them from running.
            await FailAsync(workItem, state, orchestrationState, $"the storage refused it as too large ({code})");
        }
    }

    /// <summary>Whether the work item's episode was stored as the end of its orchestration in place of what it was.</summary>
    internal static bool EndedInstead(TaskOrchestrationWorkItem workItem) =>
        workItem.OrchestrationRuntimeState?.ExecutionCompletedEvent?.FailureDetails?.ErrorType == ErrorType;

    /// <summary>Why a custom status cannot be stored, or null when it can.</summary>
    internal static string? OversizedStatus(OrchestrationRuntimeState state)
    {
        if (state.Status is not { } status || status.Length * sizeof(char) <= MaxCustomStatusBytes)
        {
            return null;
        }

        var bytes = Encoding.Unicode.GetByteCount(status);
        return bytes <= MaxCustomStatusBytes
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"its custom status is {bytes:N0} bytes of UTF-16 JSON, over the {MaxCustomStatusBytes:N0} (16 KB) a status may take");
    }

    /// <summary>The storage's error code when an exception (or one it wraps) says the state is too large.</summary>
    internal static string? TooLargeCode(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RequestFailedException failed &&
                (TooLargeCodes.Contains(failed.ErrorCode, StringComparer.Ordinal) || failed.Status == 413))
            {
                return failed.ErrorCode ?? "413";
            }
        }

        return null;
    }

    /// <summary>
    /// Stores, in place of the episode, a copy of it that ends the orchestration, without any message it would have sent.
    /// The work item takes the copy as its state too: the provider tells the same execution from a new one by that object.
    /// </summary>
    private async Task FailAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState state, OrchestrationState? orchestrationState, string reason)
    {
        var message = $"The orchestration's state could not be stored: {reason}. It was stopped here; nothing it started in this last step runs.";
        LogFailed(logger, workItem.InstanceId, reason);
        var failure = new FailureDetails(ErrorType, message, stackTrace: null, innerFailure: null, isNonRetriable: true);
        var ended = new ExecutionCompletedEvent(-1, null, OrchestrationStatus.Failed, failure);
        var failed = EndedWith(state, ended);
        if (ReferenceEquals(workItem.OrchestrationRuntimeState, state))
        {
            workItem.OrchestrationRuntimeState = failed;
        }

        if (orchestrationState is not null)
        {
            orchestrationState.OrchestrationStatus = OrchestrationStatus.Failed;
            orchestrationState.Status = null;
            orchestrationState.Output = failure.ToString();
            orchestrationState.FailureDetails = failure;
            orchestrationState.CompletedTime = ended.Timestamp;
        }

        await Inner.CompleteTaskOrchestrationWorkItemAsync(workItem, failed, [], [], [], null!, orchestrationState!);
    }

    /// <summary>
    /// The state with its episode ending in <paramref name="ended"/>: in place of the end it has, or before the episode's
    /// last event; and with no custom status.
    /// </summary>
    internal static OrchestrationRuntimeState EndedWith(OrchestrationRuntimeState state, ExecutionCompletedEvent ended)
    {
        var failed = new OrchestrationRuntimeState(state.PastEvents);
        var episode = state.NewEvents;
        var last = episode.Count > 0 && episode[^1] is OrchestratorCompletedEvent ? episode[^1] : null;
        foreach (var historyEvent in episode)
        {
            if (historyEvent is not ExecutionCompletedEvent && !ReferenceEquals(historyEvent, last))
            {
                failed.AddEvent(historyEvent);
            }
        }

        failed.AddEvent(ended);
        if (last is not null)
        {
            failed.AddEvent(last);
        }

        return failed;
    }

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Failed instance {InstanceId}: its state could not be stored ({Reason})")]
    private static partial void LogFailed(ILogger logger, string instanceId, string reason);
}
