using System.Text.Json;
using ExecutionPlans.Execution;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Execution: the plan's graph, run as ready steps start (at most <see cref="PlanOrchestrationInput.MaxParallelSteps"/>
/// at once), each with its references filled in. A failure or a cancel starts nothing new; running steps finish and
/// keep their results. Decisions that come meanwhile are recorded as ignored.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    private async Task ExecuteAsync()
    {
        machine.Fire(PlanTrigger.Started, Now);
        Publish();
        var running = new Dictionary<Task<StepResult>, int>();
        string? failure = null;
        while (true)
        {
            if (Events.Cancel.IsCompleted)
            {
                RequestCancel(Events.Take(Events.Cancel).Payload, running.Count);
            }

            if (failure is null && !cancelRequested)
            {
                failure = StartReadySteps(running);
            }

            if (running.Count == 0)
            {
                break;
            }

            Publish();
            var winner = await Task.WhenAny([.. running.Keys, .. Events.Decisions]);
            if (winner is Task<StepResult> stepTask && running.Remove(stepTask, out var index))
            {
                // Every result is recorded, also after a failure: the steps still running keep theirs.
                var stepFailure = ApplyResult(index, await ResultOf(stepTask));
                failure ??= stepFailure;
                Publish();
            }
            else
            {
                var (name, payload) = Events.Take(winner);
                if (name == PlanEvents.Cancel)
                {
                    RequestCancel(payload, running.Count);
                }
                else
                {
                    RecordIgnored(name, payload);
                }
            }
        }

        End(failure);
    }

    /// <summary>Starts every ready step there is room for; returns the failure of a step whose references could not be filled in.</summary>
    private string? StartReadySteps(Dictionary<Task<StepResult>, int> running)
    {
        foreach (var index in machine.ReadySteps())
        {
            if (running.Count >= input.MaxParallelSteps)
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

            machine.StartStep(index, resolved, Now);
            var call = new ExecutionStep { Id = step.Id, ToolName = step.ToolName, Description = step.Description, Input = step.Input, Parameters = resolved };
            running[context.CallActivityAsync<StepResult>(nameof(ExecuteStepActivity), new ExecuteStepRequest(Plan.TaskId, call, Plan.Version))] = index;
        }

        return null;
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
        cancelRequested = true;
        Plan.Error = Describe("Cancelled", decision);
        if (runningSteps > 0)
        {
            machine.Fire(PlanTrigger.CancelRequested, Now);
        }
    }

    /// <summary>An approval, change or rejection that came while the plan runs: recorded, nothing changes.</summary>
    private void RecordIgnored(string name, JsonElement payload)
    {
        var kind = name switch
        {
            PlanEvents.Approved => DecisionKind.Approve,
            PlanEvents.Modify => DecisionKind.Modify,
            PlanEvents.Rejected => DecisionKind.Reject,
            _ => throw new InvalidOperationException($"'{name}' is not a decision event."),
        };
        var decision = DecisionPayload.Read(name, payload);
        Record(kind, DecisionOutcome.Ignored, decision, machine.NotNow(kind));
    }
}
