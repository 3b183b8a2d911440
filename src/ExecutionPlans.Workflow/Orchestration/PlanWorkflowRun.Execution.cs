using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>Execution: one activity per step, in order, stopping at a failure or a cancel.</summary>
internal sealed partial class PlanWorkflowRun
{
    private async Task ExecuteAsync()
    {
        plan.TransitionTo(PlanStatus.Executing, Now);
        Publish();
        foreach (var step in plan.Steps)
        {
            if (Events.Cancel.IsCompleted)
            {
                RequestCancel(Events.Take(Events.Cancel).Payload);
            }

            if (cancelRequested)
            {
                EndCancelled(plan.Error ?? "Cancelled.");
                return;
            }

            step.Status = StepStatus.Running;
            plan.Touch(Now);
            Publish();
            var result = await RunStepAsync(step);
            ApplyResult(step, result);
            Publish();
            if (!result.Succeeded)
            {
                Fail($"Step '{step.Id}' ({step.ToolName}) failed: {result.Error}");
                return;
            }
        }

        if (cancelRequested)
        {
            // The cancel came while the last step ran; that step's result stands, and so does the cancel.
            EndCancelled(plan.Error ?? "Cancelled.");
            return;
        }

        plan.TransitionTo(PlanStatus.Completed, Now);
        LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Completed, "all steps succeeded");
    }

    private async Task<StepResult> RunStepAsync(ExecutionStep step)
    {
        var activity = context.CallActivityAsync<StepResult>(nameof(ExecuteStepActivity), new ExecuteStepRequest(plan.TaskId, step));
        if (!cancelRequested && await Task.WhenAny(activity, Events.Cancel) != activity)
        {
            // A running activity cannot be stopped; record the cancel now and stop once the step ends.
            RequestCancel(Events.Take(Events.Cancel).Payload);
            Publish();
        }

        try
        {
            return await activity;
        }
        catch (TaskFailedException exception)
        {
            return new StepResult(false, null, exception.FailureDetails.ErrorMessage);
        }
    }

    private void RequestCancel(System.Text.Json.JsonElement payload)
    {
        if (cancelRequested)
        {
            return;
        }

        var decision = DecisionPayload.Read(PlanEvents.Cancel, payload);
        Record(DecisionKind.Cancel, DecisionOutcome.Applied, decision);
        cancelRequested = true;
        plan.Error = Describe("Cancelled", decision);
    }

    private void ApplyResult(ExecutionStep step, StepResult result)
    {
        step.Status = result.Succeeded ? StepStatus.Succeeded : StepStatus.Failed;
        step.Output = result.Output;
        step.OutputTruncated = result.OutputTruncated;
        step.Error = result.Error;
        plan.Touch(Now);
    }
}
