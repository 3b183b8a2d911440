using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;

namespace ExecutionPlans.Execution;

/// <summary>
/// One run of a plan in an <see cref="ExecutionPlanExecutor"/>: a <see cref="PlanStateMachine"/> over the executor's
/// own copy of the plan, the lock every move of it is made under, and the token that hard-stops the running tools.
/// </summary>
/// <remarks>
/// Every status change is a move of the machine, so the plan has the lifecycle the durable orchestrator gives it, and
/// a move the machine does not allow throws. A cancel starts nothing new and lets running steps finish
/// (<see cref="PlanStatus.Cancelling"/>); only <see cref="HardStop"/> also cancels the tools' token.
/// </remarks>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The token source has no timer and no linked tokens, so it holds nothing to release; disposing it could race with a stop.")]
internal sealed class PlanRun
{
    private const string CancelledSkipReason = "Not run: the plan was cancelled.";

    private readonly Lock gate = new();
    private readonly CancellationTokenSource hardStop = new();
    private readonly CancellationTokenSource stopped = new();
    private readonly PlanStateMachine machine;
    private readonly TimeProvider timeProvider;
    private string? failure;
    private bool active = true;

    public PlanRun(ExecutionPlan plan, TimeProvider timeProvider)
    {
        machine = new PlanStateMachine(plan);
        this.timeProvider = timeProvider;
        TaskId = plan.TaskId;
    }

    public string TaskId { get; }

    /// <summary>The running tools' token: cancelled by <see cref="HardStop"/> only.</summary>
    public CancellationToken ToolToken => hardStop.Token;

    /// <summary>Cancelled by any cancel, soft or hard: a step waiting to be tried again stops waiting.</summary>
    public CancellationToken StopToken => stopped.Token;

    public bool IsRunning
    {
        get
        {
            lock (gate)
            {
                return active;
            }
        }
    }

    public PlanStatus Status
    {
        get
        {
            lock (gate)
            {
                return machine.Plan.Status;
            }
        }
    }

    private ExecutionPlan Plan => machine.Plan;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public ExecutionPlan Snapshot()
    {
        lock (gate)
        {
            return Plan.Clone();
        }
    }

    /// <summary>Moves the approved plan to executing; false when a cancel ended it first.</summary>
    public bool TryStart()
    {
        lock (gate)
        {
            if (Plan.Status != PlanStatus.Approved)
            {
                return false;
            }

            Plan.Error = null;
            machine.Fire(PlanTrigger.Started, Now);
            return true;
        }
    }

    /// <summary>Fails a plan that has not started because it is not valid; false when a cancel ended it first.</summary>
    public bool TryFailInvalid(string error)
    {
        lock (gate)
        {
            if (Plan.Status != PlanStatus.Approved)
            {
                return false;
            }

            Plan.Error = error;
            machine.Fire(PlanTrigger.Invalid, Now, "Not run: the plan is not valid.");
            return true;
        }
    }

    /// <summary>
    /// Starts the ready steps there is <paramref name="room"/> for, each with its references filled in; none once a step
    /// failed or the plan is cancelling. A step whose references cannot be filled in fails without running.
    /// </summary>
    /// <returns>The started steps, each as the copy its tool runs with.</returns>
    public List<(int Index, ExecutionStep Call)> StartReadySteps(int room)
    {
        var started = new List<(int, ExecutionStep)>();
        lock (gate)
        {
            if (failure is not null)
            {
                return started;
            }

            foreach (var index in machine.ReadySteps())
            {
                if (started.Count >= room)
                {
                    break;
                }

                var step = Plan.Steps[index];
                var (resolved, error) = step.Checkpoint
                    ? (null, $"The step asks to be confirmed at a checkpoint before it runs, which only the durable workflow (ExecutionPlans.Workflow) can hold; it was not run.")
                    : StepReferences.Resolve(step.Parameters, machine.OutputOf);
                if (resolved is null)
                {
                    machine.FailBeforeStart(index, error!, Now);
                    failure = Failure(index, error!);
                    break;
                }

                machine.StartStep(index, resolved, Now);

                // The tool gets its own copy: the machine's stays readable by snapshots while the tool runs.
                var call = new ExecutionStep
                {
                    Id = step.Id,
                    ToolName = step.ToolName,
                    Description = step.Description,
                    Input = step.Input,
                    Parameters = (JsonObject)resolved.DeepClone(),
                    Retry = step.Retry?.Clone(),
                    Timeout = step.Timeout,
                };
                started.Add((index, call));
            }
        }

        return started;
    }

    /// <summary>Records one attempt at a running step.</summary>
    public void RecordAttempt(int index, StepAttempt attempt)
    {
        lock (gate)
        {
            machine.RecordAttempt(index, attempt);
        }
    }

    public void SucceedStep(int index, string output)
    {
        lock (gate)
        {
            machine.SucceedStep(index, output, truncated: false, Now);
        }
    }

    /// <summary>Records a step's failure; from then on no new step starts.</summary>
    public void FailStep(int index, string error)
    {
        lock (gate)
        {
            machine.FailStep(index, error, Now);
            failure ??= Failure(index, error);
        }
    }

    /// <summary>
    /// Ends the run once no step runs: cancelled after a cancel, failed after a failure, otherwise completed.
    /// </summary>
    /// <returns>The final status; a plan a cancel already ended keeps it.</returns>
    public PlanStatus End()
    {
        lock (gate)
        {
            if (Plan.Status.IsFinal())
            {
                return Plan.Status;
            }

            if (Plan.Status == PlanStatus.Cancelling)
            {
                return machine.Fire(PlanTrigger.Drained, Now, CancelledSkipReason);
            }

            if (failure is not null)
            {
                Plan.Error = failure;
                return machine.Fire(PlanTrigger.Failed, Now, failure);
            }

            return machine.Fire(PlanTrigger.Completed, Now);
        }
    }

    /// <summary>
    /// Cancels the run: nothing new starts; with steps running the plan is cancelling until they finish, otherwise it
    /// is cancelled at once. The tools' token is left alone.
    /// </summary>
    /// <returns>The status the cancel moved the plan to, or null when the run had ended or was already cancelling.</returns>
    public PlanStatus? TryCancel()
    {
        lock (gate)
        {
            return active ? Cancel() : null;
        }
    }

    /// <summary>Cancels the run like <see cref="TryCancel"/> and cancels the tools' token.</summary>
    public void HardStop()
    {
        lock (gate)
        {
            if (!active)
            {
                return;
            }

            Cancel();

            // CancelAsync runs the token's callbacks (the tools' among them) on the thread pool, not under this lock.
            _ = hardStop.CancelAsync();
        }
    }

    /// <summary>
    /// Fails the plan because its execution stopped on an unexpected error: running steps fail, the rest are skipped,
    /// and the tools still running are told to stop. Nothing records their results any more.
    /// </summary>
    public bool TryAbort(string error)
    {
        lock (gate)
        {
            if (Plan.Status.IsFinal())
            {
                return false;
            }

            for (var index = 0; index < Plan.Steps.Count; index++)
            {
                if (Plan.Steps[index].Status == StepStatus.Running)
                {
                    machine.FailStep(index, "The execution stopped while the step was running.", Now);
                }
            }

            Plan.Error = error;
            var trigger = Plan.Status switch
            {
                PlanStatus.Approved => PlanTrigger.Invalid,
                PlanStatus.Cancelling => PlanTrigger.Drained,
                _ => PlanTrigger.Failed,
            };
            machine.Fire(trigger, Now, "Not run: the execution stopped.");
            _ = hardStop.CancelAsync();
            return true;
        }
    }

    public void Finish()
    {
        lock (gate)
        {
            active = false;
        }
    }

    // Call under the lock.
    private PlanStatus? Cancel()
    {
        // Already ending: cancelled or cancelling, or a failed step with nothing left running, which ends the plan failed.
        if (machine.NotNow(DecisionKind.Cancel) is not null || (failure is not null && machine.RunningSteps == 0))
        {
            return null;
        }

        Plan.Error = ExecutionPlanExecutor.PlanCancelledMessage;

        // Off the lock, like the hard stop: a step waiting to be tried again wakes up and ends with its last result.
        _ = stopped.CancelAsync();
        return machine.RunningSteps > 0
            ? machine.Fire(PlanTrigger.CancelRequested, Now)
            : machine.Fire(PlanTrigger.Cancelled, Now, CancelledSkipReason);
    }

    private string Failure(int index, string error) => $"Step {index + 1} ('{Plan.Steps[index].Id}') failed: {error}";
}
