using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Steps of the built-in <c>wait</c> tool: a durable timer in the workflow, not an activity, so a wait of hours holds
/// no worker and survives restarts. A wait is a running step (it takes a place among
/// <see cref="Contracts.PlanOrchestrationInput.MaxParallelSteps"/>, and the workflow hands over to a new execution
/// only when no step runs, so a timer never crosses into one). A cancel ends the wait at once: the step fails as
/// cancelled and the plan ends cancelled, without running the steps after it.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    private async Task<StepResult> WaitAsync(int index, JsonObject parameters)
    {
        var startedAt = Now;
        StepResult result;
        if (!WaitTool.TryReadDuration(parameters, out var duration, out var error))
        {
            result = new StepResult(false, null, error);
        }
        else
        {
            using var timer = new CancellationTokenSource();
            var due = context.CreateTimer((startedAt + duration).UtcDateTime, timer.Token);
            if (await Task.WhenAny(due, cancelled.Task) == due)
            {
                result = new StepResult(true, WaitTool.Waited(duration), null);
            }
            else
            {
                // A timer left behind would keep the instance running until it fires.
                timer.Cancel();
                result = new StepResult(false, null, $"Cancelled after waiting {WaitTool.Describe(Now - startedAt)} of {WaitTool.Describe(duration)}.");
            }
        }

        return RecordOnlyAttempt(index, startedAt, result);
    }

    /// <summary>Records the one attempt of a step the workflow runs itself (<c>wait</c>, <c>notify</c>), and hands its result on.</summary>
    private StepResult RecordOnlyAttempt(int index, DateTimeOffset startedAt, StepResult result)
    {
        machine.RecordAttempt(index, new StepAttempt
        {
            Number = 1,
            StartedAt = startedAt,
            EndedAt = Now,
            Error = result.Succeeded ? null : result.Error,
        });
        return result;
    }
}
