using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Execution: the plan's graph, run as ready steps start (at most <see cref="PlanOrchestrationInput.MaxParallelSteps"/>
/// at once), each with its references filled in. A failure or a cancel starts nothing new; running steps finish and
/// keep their results. Decisions that come meanwhile are recorded as ignored.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    /// <summary>
    /// How many steps one execution of the workflow starts before it continues as a new one, at the first moment no
    /// step runs. Each new history event costs a replay of the history before it, so a bounded history keeps the cost
    /// of a step the same at step 10 and at step 100.
    /// </summary>
    internal const int StepsPerExecution = 24;

    /// <summary>
    /// How many steps one execution starts at most: a graph so wide that some step always runs stops starting new
    /// ones here, lets the running ones finish and continues as new.
    /// </summary>
    internal const int MaxStepsPerExecution = 2 * StepsPerExecution;

    /// <summary>Completes when a cancel applies, so steps waiting to be tried again stop waiting.</summary>
    private readonly TaskCompletionSource cancelled = new();

    private int generation;

    /// <summary>Runs the steps; returns true when the workflow continued as a new execution that runs the rest.</summary>
    /// <param name="continued">Whether this execution takes up a plan already executing.</param>
    private async Task<bool> ExecuteAsync(bool continued)
    {
        if (!continued)
        {
            machine.Fire(PlanTrigger.Started, Now);
        }

        Publish();
        var running = new Dictionary<Task<StepResult>, int>();
        string? failure = null;
        var started = 0;
        while (true)
        {
            if (Events.Cancel.IsCompleted)
            {
                RequestCancel(Events.Take(Events.Cancel).Payload, running.Count);
            }

            var handOver = started >= StepsPerExecution && running.Count == 0 && held.Count == 0;
            if (failure is null && !cancelRequested)
            {
                var before = running.Count;
                StartClearedSteps(running);
                if (!handOver && started < MaxStepsPerExecution)
                {
                    failure = await StartReadyStepsAsync(running, MaxStepsPerExecution - started);
                }

                started += running.Count - before;
            }

            if (failure is not null || cancelRequested)
            {
                // Nothing new starts: the steps held at checkpoints stop waiting and end skipped.
                ReleaseCheckpoints();
            }

            if (running.Count == 0 && held.Count == 0)
            {
                // Nothing runs: the plan has ended, or this execution has started its share and hands over the rest.
                var more = failure is null && !cancelRequested && (cleared.Count > 0 || machine.ReadySteps().Count > 0);
                if (more && !TakeArrivedDecisions())
                {
                    ContinueAsNew();
                    return true;
                }

                break;
            }

            Publish();
            var winner = await Task.WhenAny([.. running.Keys, .. Events.Decisions, .. CheckpointDeadlines]);
            if (winner is Task<StepResult> stepTask && running.Remove(stepTask, out var index))
            {
                // Every result is recorded, also after a failure: the steps still running keep theirs.
                var stepFailure = ApplyResult(index, await ResultOf(stepTask));
                failure ??= stepFailure;
                Publish();
            }
            else if (!Events.Decisions.Contains(winner))
            {
                CheckpointTimedOut(winner, running.Count);
            }
            else
            {
                var (name, payload) = Events.Take(winner);
                if (name == PlanEvents.Cancel)
                {
                    RequestCancel(payload, running.Count);
                }
                else if (name is PlanEvents.Approved or PlanEvents.Rejected or PlanEvents.Skip
                    && DecisionPayload.Read(name, payload) is { StepId: not null } stepDecision)
                {
                    ApplyCheckpointDecision(KindOf(name), stepDecision, running.Count);
                }
                else
                {
                    RecordIgnored(name, payload);
                }
            }
        }

        End(failure);
        return false;
    }

    /// <summary>
    /// Hands the plan to a new execution of the workflow, with its state as input; decisions that come after this
    /// episode's last look at them are sent on to it, so none is lost on the way.
    /// </summary>
    private void ContinueAsNew()
    {
        var continuation = new PlanContinuation
        {
            Plan = Plan,
            Decisions = [.. machine.Decisions],
            Notifications = [.. notifications],
            PreviousVersion = previousVersion,
            Modifications = modifications,
            Generation = generation + 1,
        };
        HandOverPolicy(continuation);
        Publish();
        Events.ForwardLaterEvents();
        context.ContinueAsNew(input.ContinuedWith(continuation), preserveUnprocessedEvents: true);
    }

    /// <summary>Handles every decision that has arrived and not been looked at; returns whether one was a cancel.</summary>
    private bool TakeArrivedDecisions()
    {
        while (Events.Decisions.FirstOrDefault(waiter => waiter.IsCompleted) is { } arrived)
        {
            var (name, payload) = Events.Take(arrived);
            if (name == PlanEvents.Cancel)
            {
                RequestCancel(payload, runningSteps: 0);
            }
            else
            {
                RecordIgnored(name, payload);
            }
        }

        return cancelRequested;
    }

    /// <summary>
    /// Starts the ready steps there is room for, at most <paramref name="limit"/>, and holds those that need a checkpoint;
    /// returns the failure of a step whose references could not be filled in.
    /// </summary>
    private async Task<string?> StartReadyStepsAsync(Dictionary<Task<StepResult>, int> running, int limit)
    {
        var startedNow = 0;
        foreach (var index in machine.ReadySteps())
        {
            if (running.Count >= input.MaxParallelSteps || startedNow >= limit)
            {
                break;
            }

            var step = Plan.Steps[index];
            var (resolved, error) = StepReferences.Resolve(step.Parameters, machine.OutputOf);
            if (resolved is null)
            {
                machine.FailBeforeStart(index, error!, Now);
                return Failure(step, error!);
            }

            if (NeedsCheckpoint(step))
            {
                await HoldAsync(index, resolved);
                continue;
            }

            startedNow++;
            Launch(running, index, resolved);
        }

        return null;
    }

    /// <summary>Starts a step with its parameters filled in.</summary>
    private void Launch(Dictionary<Task<StepResult>, int> running, int index, JsonObject resolved)
    {
        var step = machine.StartStep(index, resolved, Now);
        var call = new ExecutionStep
        {
            Id = step.Id,
            ToolName = step.ToolName,
            Description = step.Description,
            Input = step.Input,
            Parameters = resolved,
            Retry = step.Retry,
            Timeout = step.Timeout,
        };
        // The workflow's own tools run in it: a wait is a durable timer; a message goes through the notification activity.
        var run = step.ToolName switch
        {
            WaitTool.ToolName => WaitAsync(index, resolved),
            NotifyTool.ToolName => SendMessageAsync(index, resolved),
            _ => RunStepAsync(index, call),
        };
        running[run] = index;
    }

    /// <summary>
    /// Runs a step's attempts: after a failure that may pass, waits as long as the activity says (a durable timer, so
    /// the wait survives a restart) and tries again. A cancel ends the waiting; the step keeps its last result.
    /// </summary>
    private async Task<StepResult> RunStepAsync(int index, ExecutionStep call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var startedAt = Now;
            var result = await ResultOf(context.CallActivityAsync<StepResult>(
                nameof(ExecuteStepActivity), new ExecuteStepRequest(Plan.TaskId, call, Plan.Version, attempt)));
            machine.RecordAttempt(index, new StepAttempt
            {
                Number = attempt,
                StartedAt = startedAt,
                EndedAt = Now,
                Error = result.Succeeded ? null : result.Error,
                Transient = !result.Succeeded && result.Transient,
            });
            if (result.Succeeded || result.RetryIn is not { } wait || cancelRequested)
            {
                return result;
            }

            Publish();
            await Task.WhenAny(context.CreateTimer((Now + wait).UtcDateTime, CancellationToken.None), cancelled.Task);
            if (cancelRequested)
            {
                return result;
            }
        }
    }

    private static async Task<StepResult> ResultOf(Task<StepResult> activity)
    {
        try
        {
            return await activity;
        }
        catch (TaskFailedException exception)
        {
            return new StepResult(false, null, exception.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Records a step's result; returns the plan's failure when the step failed.</summary>
    private string? ApplyResult(int index, StepResult result)
    {
        if (result.Succeeded)
        {
            machine.SucceedStep(index, result.Output, result.OutputTruncated, Now);
            return null;
        }

        var error = result.Error ?? "The step failed.";
        machine.FailStep(index, error, Now);
        return Failure(Plan.Steps[index], error);
    }

    private static string Failure(ExecutionStep step, string error) => $"Step '{step.Id}' ({step.ToolName}) failed: {error}";

    /// <summary>Ends the run once nothing is running: failed, cancelled or completed.</summary>
    private void End(string? failure)
    {
        var reason = Plan.Error ?? "Cancelled.";
        if (Plan.Status == PlanStatus.Cancelling)
        {
            EndCancelled(reason, PlanTrigger.Drained);
        }
        else if (failure is not null)
        {
            Fail(failure, PlanTrigger.Failed);
        }
        else if (cancelRequested)
        {
            EndCancelled(reason, PlanTrigger.Cancelled);
        }
        else
        {
            machine.Fire(PlanTrigger.Completed, Now);
            LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Completed, "all steps succeeded");
        }
    }

    /// <summary>A cancel while executing: recorded once; the plan shows cancelling while steps still run.</summary>
    private void RequestCancel(JsonElement payload, int runningSteps)
    {
        var decision = DecisionPayload.Read(PlanEvents.Cancel, payload);
        if (cancelRequested)
        {
            Record(DecisionKind.Cancel, DecisionOutcome.Ignored, decision, machine.NotNow(DecisionKind.Cancel) ?? "The plan is already being cancelled.");
            return;
        }

        Record(DecisionKind.Cancel, DecisionOutcome.Applied, decision);
        StopRunning(Describe("Cancelled", decision), runningSteps);
    }

    /// <summary>
    /// Ends the run once the running steps finish (cancelled, rejected at a checkpoint, or a checkpoint timed out):
    /// nothing new starts, steps waiting to be tried again stop waiting, and the plan shows cancelling meanwhile.
    /// </summary>
    private void StopRunning(string reason, int runningSteps)
    {
        cancelRequested = true;
        cancelled.TrySetResult();
        Plan.Error = reason;
        ReleaseCheckpoints();
        if (runningSteps > 0)
        {
            machine.Fire(PlanTrigger.CancelRequested, Now);
        }
    }

    /// <summary>An approval, change or rejection that came while the plan runs: recorded, nothing changes.</summary>
    private void RecordIgnored(string name, JsonElement payload)
    {
        var kind = KindOf(name);
        var decision = DecisionPayload.Read(name, payload);
        Record(kind, DecisionOutcome.Ignored, decision, machine.NotNow(kind));
    }

    private static DecisionKind KindOf(string eventName) => eventName switch
    {
        PlanEvents.Approved => DecisionKind.Approve,
        PlanEvents.Modify => DecisionKind.Modify,
        PlanEvents.Rejected => DecisionKind.Reject,
        PlanEvents.Cancel => DecisionKind.Cancel,
        PlanEvents.Retry => DecisionKind.Retry,
        PlanEvents.Skip => DecisionKind.Skip,
        _ => throw new InvalidOperationException($"'{eventName}' is not a decision event."),
    };
}
