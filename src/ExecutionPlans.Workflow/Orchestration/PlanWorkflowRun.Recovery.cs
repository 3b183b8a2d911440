using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Recovery: a failed plan stays recoverable for <see cref="PlanOrchestrationInput.RecoveryWindow"/>. Meanwhile its
/// approvers may run the failed and skipped steps again (<c>Retry</c>), change the plan (<c>Modify</c>: the new
/// version keeps every succeeded step that did not change, and waits for approval), or end it (<c>Rejected</c>,
/// <c>Cancel</c>). When the window closes the plan is failed for good.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    private DateTimeOffset? recoverableUntil;

    private enum RecoveryOutcome
    {
        Retry,
        Changed,
        Ended,
    }

    /// <summary>Waits for a decision on the failed plan; returns what to do next.</summary>
    private async Task<RecoveryOutcome> AwaitRecoveryAsync()
    {
        recoverableUntil ??= Now + input.RecoveryWindow;
        machine.Recoverable = true;
        Publish();

        // The approvers hear of the failure now, not when the window closes: they are the ones who can recover it.
        await NotifyOutcomeAsync();
        var logger = context.CreateReplaySafeLogger<PlanOrchestrator>();
        LogRecoverable(logger, context.InstanceId, recoverableUntil.Value);
        using var windowCancellation = new CancellationTokenSource();
        var window = context.CreateTimer(recoverableUntil.Value.UtcDateTime, windowCancellation.Token);
        try
        {
            while (true)
            {
                var winner = await Task.WhenAny([.. Events.Decisions, window]);
                if (winner == window)
                {
                    machine.Recoverable = false;
                    recoverableUntil = null;
                    LogRecoveryOver(logger, Plan.TaskId);
                    return RecoveryOutcome.Ended;
                }

                var (name, payload) = Events.Take(winner);
                var outcome = name switch
                {
                    PlanEvents.Retry => ApplyRetry(payload),
                    PlanEvents.Modify => await ApplyModifyAsync(payload, recovering: true) == ApprovalOutcome.Changed ? RecoveryOutcome.Changed : (RecoveryOutcome?)null,
                    PlanEvents.Rejected => ApplyReject(payload) == ApprovalOutcome.Ended ? RecoveryOutcome.Ended : null,
                    PlanEvents.Cancel => ApplyCancel(payload) == ApprovalOutcome.Ended ? RecoveryOutcome.Ended : null,
                    _ => IgnoreDuringRecovery(name, payload),
                };
                if (outcome is { } decided)
                {
                    if (decided != RecoveryOutcome.Changed)
                    {
                        recoverableUntil = null;
                    }

                    return decided;
                }

                Publish();
            }
        }
        finally
        {
            // A timer left running would keep the orchestration alive until the window closes.
            if (!window.IsCompleted)
            {
                windowCancellation.Cancel();
            }
        }
    }

    private RecoveryOutcome? IgnoreDuringRecovery(string name, JsonElement payload)
    {
        RecordIgnored(name, payload);
        return null;
    }

    /// <summary>Runs the failed and skipped steps again, as they are, under the approval the plan has.</summary>
    private RecoveryOutcome? ApplyRetry(JsonElement payload)
    {
        var decision = DecisionPayload.Read(PlanEvents.Retry, payload);
        if (!Screen(DecisionKind.Retry, decision))
        {
            return null;
        }

        Record(DecisionKind.Retry, DecisionOutcome.Applied, decision);
        machine.ResetForRetry();
        Plan.Error = null;
        machine.Fire(PlanTrigger.RetryRequested, Now);
        LogRetried(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, decision.By);
        return RecoveryOutcome.Retry;
    }

    /// <summary>
    /// Carries over to a new version every step of the failed one that succeeded and is the same in the new one
    /// (id, tool, parameters and dependencies), with its result: it does not run again.
    /// </summary>
    private void KeepSucceededSteps(ExecutionPlan revised)
    {
        var before = PlanGraph.Build(Plan).Graph;
        var after = PlanGraph.Build(revised).Graph;
        for (var index = 0; index < revised.Steps.Count; index++)
        {
            var step = revised.Steps[index];
            var old = before.IndexOf(step.Id);
            if (old < 0 || Plan.Steps[old] is not { Status: StepStatus.Succeeded } done)
            {
                continue;
            }

            var sameDependencies = before.DependenciesOf(old).Select(d => Plan.Steps[d].Id).Order(StringComparer.Ordinal)
                .SequenceEqual(after.DependenciesOf(index).Select(d => revised.Steps[d].Id).Order(StringComparer.Ordinal));
            if (done.ToolName == step.ToolName && JsonNode.DeepEquals(done.Parameters, step.Parameters) && sameDependencies)
            {
                step.Status = StepStatus.Succeeded;
                step.Output = done.Output;
                step.OutputTruncated = done.OutputTruncated;
                step.ResolvedParameters = done.ResolvedParameters;
                step.Attempts = done.Attempts;
            }
        }
    }

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information, Message = "Plan {PlanId} failed and is recoverable until {Until}")]
    private static partial void LogRecoverable(ILogger logger, string planId, DateTimeOffset until);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Information, Message = "Plan {PlanId}: the recovery window closed; the plan is failed for good")]
    private static partial void LogRecoveryOver(ILogger logger, string planId);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Information, Message = "Plan {PlanId} version {Version} runs again, asked by {By}")]
    private static partial void LogRetried(ILogger logger, string planId, int version, string? by);
}
