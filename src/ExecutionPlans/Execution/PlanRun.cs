using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;

namespace ExecutionPlans.Execution;

/// <summary>
/// One run of a plan in an <see cref="ExecutionPlanExecutor"/>: the executor's own copy of the plan, the
/// lock every change to it is made under, and the token that stops the run.
/// </summary>
/// <remarks>
/// Every change checks the plan's status under the lock, so once the plan is final (for example
/// cancelled) nothing that finishes later can change it again.
/// </remarks>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The token source has no timer and no linked tokens, so it holds nothing to release; disposing it could race with a cancel.")]
internal sealed class PlanRun(ExecutionPlan plan, TimeProvider timeProvider)
{
    private const string StepInterruptedMessage = "The step was interrupted.";

    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancellation = new();
    private bool running = true;

    public string TaskId { get; } = plan.TaskId;

    public CancellationToken Token => cancellation.Token;

    public bool IsRunning
    {
        get
        {
            lock (gate)
            {
                return running;
            }
        }
    }

    public PlanStatus Status
    {
        get
        {
            lock (gate)
            {
                return plan.Status;
            }
        }
    }

    public ExecutionPlan Snapshot()
    {
        lock (gate)
        {
            return plan.Clone();
        }
    }

    public bool TryStart()
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Approved)
            {
                return false;
            }

            plan.Error = null;
            plan.TransitionTo(PlanStatus.Executing, timeProvider.GetUtcNow());
            return true;
        }
    }

    /// <summary>Marks the step at <paramref name="index"/> running, unless the plan stopped or has no more steps.</summary>
    /// <returns>A copy of the step to run, or <see langword="null"/>.</returns>
    public ExecutionStep? TryStartStep(int index)
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Executing || index >= plan.Steps.Count)
            {
                return null;
            }

            var step = plan.Steps[index];
            var (resolved, error) = StepReferences.Resolve(step.Parameters, OutputOf);
            if (resolved is null)
            {
                step.Status = StepStatus.Failed;
                step.Error = error;
                Stop(PlanStatus.Failed, $"Step '{step.Id}' failed: {error}", StepInterruptedMessage, $"Not run: step '{step.Id}' failed.");
                return null;
            }

            step.Status = StepStatus.Running;
            step.ResolvedParameters = resolved;
            step.Output = null;
            step.Error = null;
            step.OutputTruncated = false;
            plan.Touch(timeProvider.GetUtcNow());
            var call = step.Clone();
            call.Parameters = (JsonObject)resolved.DeepClone();
            return call;
        }
    }

    // Call under the lock: the output of a step that succeeded, for the references of later ones.
    private string? OutputOf(string stepId) =>
        plan.Steps.Find(s => s.Id == stepId) is { Status: StepStatus.Succeeded } done ? done.Output : null;

    public bool TryCompleteStep(int index, string output)
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Executing)
            {
                return false;
            }

            var step = plan.Steps[index];
            step.Status = StepStatus.Succeeded;
            step.Output = output;
            plan.Touch(timeProvider.GetUtcNow());
            return true;
        }
    }

    public bool TryFailStep(int index, string error)
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Executing)
            {
                return false;
            }

            var step = plan.Steps[index];
            step.Status = StepStatus.Failed;
            step.Error = error;
            Stop(
                PlanStatus.Failed,
                $"Step {index + 1} ('{step.Id}') failed: {error}",
                StepInterruptedMessage,
                $"Not run: step '{step.Id}' failed.");
            return true;
        }
    }

    public bool TryComplete()
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Executing)
            {
                return false;
            }

            plan.TransitionTo(PlanStatus.Completed, timeProvider.GetUtcNow());
            return true;
        }
    }

    /// <summary>Fails a plan that has not started, for example because it is not valid.</summary>
    public bool TryFailBeforeStart(string error)
    {
        lock (gate)
        {
            if (plan.Status != PlanStatus.Approved)
            {
                return false;
            }

            Stop(PlanStatus.Failed, error, StepInterruptedMessage, "Not run: the plan is not valid.");
            return true;
        }
    }

    /// <summary>Fails the plan because its execution stopped on an unexpected error.</summary>
    public bool TryAbort(string error)
    {
        lock (gate)
        {
            if (plan.Status.IsFinal())
            {
                return false;
            }

            Stop(PlanStatus.Failed, error, "The execution stopped while the step was running.", "Not run: the execution stopped.");
            return true;
        }
    }

    /// <summary>Cancels the run: records the cancellation, then signals <see cref="Token"/>.</summary>
    /// <returns><see langword="false"/> if the run had already ended.</returns>
    public bool TryCancel(string reason)
    {
        lock (gate)
        {
            if (!running || plan.Status.IsFinal())
            {
                return false;
            }

            Stop(PlanStatus.Cancelled, reason, ExecutionPlanExecutor.StepCancelledMessage, "Not run: the plan was cancelled.");

            // CancelAsync runs the token's callbacks (the tool's among them) on the thread pool, not under this lock.
            _ = cancellation.CancelAsync();
            return true;
        }
    }

    public void Finish()
    {
        lock (gate)
        {
            running = false;
        }
    }

    // Call under the lock.
    private void Stop(PlanStatus status, string planError, string runningError, string skippedError)
    {
        foreach (var step in plan.Steps)
        {
            if (step.Status == StepStatus.Running)
            {
                step.Status = StepStatus.Failed;
                step.Error = runningError;
            }
            else if (step.Status == StepStatus.Pending)
            {
                step.Status = StepStatus.Skipped;
                step.Error = skippedError;
            }
        }

        plan.Error = planError;
        plan.TransitionTo(status, timeProvider.GetUtcNow());
    }
}
