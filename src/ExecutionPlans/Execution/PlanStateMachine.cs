using System.Collections.Frozen;
using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;

namespace ExecutionPlans.Execution;

/// <summary>
/// The one lifecycle of a plan: its status, its steps' statuses and the record of every decision that reached it.
/// Pure and deterministic (time is passed in), so the durable orchestrator can drive it while replaying and the
/// in-process executor can drive it under a lock. Moves are a table (<see cref="Transitions"/>); anything else throws.
/// </summary>
public sealed class PlanStateMachine
{
    private static readonly FrozenDictionary<(PlanStatus From, PlanTrigger Trigger), PlanStatus> Table =
        new Dictionary<(PlanStatus, PlanTrigger), PlanStatus>
        {
            [(PlanStatus.Draft, PlanTrigger.Submitted)] = PlanStatus.PendingApproval,
            [(PlanStatus.Draft, PlanTrigger.Invalid)] = PlanStatus.Failed,
            [(PlanStatus.Draft, PlanTrigger.AutoApproved)] = PlanStatus.Approved,
            [(PlanStatus.Draft, PlanTrigger.Revised)] = PlanStatus.PendingApproval,
            [(PlanStatus.Draft, PlanTrigger.ModificationFailed)] = PlanStatus.PendingApproval,
            [(PlanStatus.Draft, PlanTrigger.Cancelled)] = PlanStatus.Cancelled,
            [(PlanStatus.PendingApproval, PlanTrigger.Approved)] = PlanStatus.Approved,
            [(PlanStatus.PendingApproval, PlanTrigger.ModificationStarted)] = PlanStatus.Draft,
            [(PlanStatus.PendingApproval, PlanTrigger.Rejected)] = PlanStatus.Cancelled,
            [(PlanStatus.PendingApproval, PlanTrigger.TimedOut)] = PlanStatus.Cancelled,
            [(PlanStatus.PendingApproval, PlanTrigger.Cancelled)] = PlanStatus.Cancelled,
            [(PlanStatus.Approved, PlanTrigger.Started)] = PlanStatus.Executing,
            [(PlanStatus.Approved, PlanTrigger.Invalid)] = PlanStatus.Failed,
            [(PlanStatus.Approved, PlanTrigger.Cancelled)] = PlanStatus.Cancelled,
            [(PlanStatus.Executing, PlanTrigger.CancelRequested)] = PlanStatus.Cancelling,
            [(PlanStatus.Executing, PlanTrigger.Cancelled)] = PlanStatus.Cancelled,
            [(PlanStatus.Executing, PlanTrigger.Completed)] = PlanStatus.Completed,
            [(PlanStatus.Executing, PlanTrigger.Failed)] = PlanStatus.Failed,
            [(PlanStatus.Cancelling, PlanTrigger.Drained)] = PlanStatus.Cancelled,

            // A failed plan, while it is recoverable (Recoverable): run again, changed, or ended by a person.
            [(PlanStatus.Failed, PlanTrigger.RetryRequested)] = PlanStatus.Executing,
            [(PlanStatus.Failed, PlanTrigger.ModificationStarted)] = PlanStatus.Draft,
            [(PlanStatus.Failed, PlanTrigger.Rejected)] = PlanStatus.Cancelled,
            [(PlanStatus.Failed, PlanTrigger.Cancelled)] = PlanStatus.Cancelled,
            [(PlanStatus.Draft, PlanTrigger.RecoveryModificationFailed)] = PlanStatus.Failed,
        }.ToFrozenDictionary();

    private static readonly FrozenDictionary<(StepStatus From, StepStatus To), bool> StepMoves =
        new Dictionary<(StepStatus, StepStatus), bool>
        {
            [(StepStatus.Pending, StepStatus.Running)] = true,
            [(StepStatus.Pending, StepStatus.Skipped)] = true,
            [(StepStatus.Pending, StepStatus.AwaitingApproval)] = true,
            [(StepStatus.AwaitingApproval, StepStatus.Running)] = true,
            [(StepStatus.AwaitingApproval, StepStatus.Skipped)] = true,
            [(StepStatus.Running, StepStatus.Succeeded)] = true,
            [(StepStatus.Running, StepStatus.Failed)] = true,
        }.ToFrozenDictionary();

    private readonly List<PlanDecision> decisions = [];
    private readonly HashSet<string> appliedDecisionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> stepIndexes = new(StringComparer.Ordinal);
    private readonly SortedSet<int> ready = [];
    private PlanGraph? graph;
    private int[]? waiting;
    private int running;

    /// <summary>Drives <paramref name="plan"/>, which it changes in place.</summary>
    /// <param name="plan">The plan.</param>
    public PlanStateMachine(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        IndexSteps();
    }

    /// <summary>Drives <paramref name="plan"/> on from where it is, with the decisions that reached it before.</summary>
    /// <param name="plan">The plan, with no step running.</param>
    /// <param name="decisions">The decisions so far, in order.</param>
    public PlanStateMachine(ExecutionPlan plan, IEnumerable<PlanDecision> decisions)
        : this(plan)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (plan.Steps.Any(step => step.Status == StepStatus.Running))
        {
            throw new PlanStateException("A plan can only be taken up again while none of its steps runs.");
        }

        foreach (var decision in decisions)
        {
            this.decisions.Add(decision);
            if (decision.Outcome == DecisionOutcome.Applied && decision.DecisionId is not null)
            {
                appliedDecisionIds.Add(decision.DecisionId);
            }
        }
    }

    /// <summary>Every allowed move of a plan: from a status, on a trigger, to a status.</summary>
    public static IReadOnlyDictionary<(PlanStatus From, PlanTrigger Trigger), PlanStatus> Transitions => Table;

    /// <summary>The plan, as it is now.</summary>
    public ExecutionPlan Plan { get; private set; }

    /// <summary>Every decision that reached the plan, in order, each with its outcome.</summary>
    public IReadOnlyList<PlanDecision> Decisions => decisions;

    /// <summary>
    /// Whether the failed plan may still be run again or changed (<c>Execution:RecoveryWindow</c>): only then does it
    /// move on from <see cref="PlanStatus.Failed"/>. Set by whoever keeps the window.
    /// </summary>
    public bool Recoverable { get; set; }

    /// <summary>How many steps are running: started and not yet succeeded or failed. The plan cannot end while any do.</summary>
    public int RunningSteps => running;

    /// <summary>Moves the plan on <paramref name="trigger"/>.</summary>
    /// <param name="trigger">What happened.</param>
    /// <param name="at">When.</param>
    /// <param name="skipReason">Why the steps that never ran were skipped, when the move ends the plan.</param>
    /// <returns>The new status.</returns>
    /// <exception cref="PlanStateException">
    /// The table has no such move from the plan's status, or the move ends the plan while steps still run.
    /// </exception>
    public PlanStatus Fire(PlanTrigger trigger, DateTimeOffset at, string? skipReason = null)
    {
        if (!Table.TryGetValue((Plan.Status, trigger), out var next))
        {
            throw new PlanStateException($"A plan that is {Plan.Status.ToWireName()} cannot move on '{trigger}'.");
        }

        if (Plan.Status == PlanStatus.Failed && !Recoverable)
        {
            throw new PlanStateException($"The plan failed for good; it cannot move on '{trigger}'.");
        }

        if (next.IsFinal() && running > 0)
        {
            throw new PlanStateException($"The plan cannot become {next.ToWireName()} while {running} step(s) still run.");
        }

        if (Plan.Status == PlanStatus.Failed)
        {
            // Leaving a failure: once run again, changed or ended, the plan is no longer recovering from it.
            Recoverable = false;
        }

        Plan.TransitionTo(next, at);
        if (next.IsFinal())
        {
            SkipPending(skipReason ?? (next == PlanStatus.Cancelled ? "The plan was cancelled." : "Not run: the plan failed."), at);
        }

        return next;
    }

    /// <summary>Puts a new version in place (a modification), keeping the decisions made so far.</summary>
    /// <param name="revised">The new version, in status <see cref="PlanStatus.Draft"/>.</param>
    public void Replace(ExecutionPlan revised)
    {
        ArgumentNullException.ThrowIfNull(revised);
        Plan = revised;
        graph = null;
        waiting = null;
        ready.Clear();
        IndexSteps();
    }

    /// <summary>The steps that may start now: pending, with every dependency succeeded; none once the plan stops scheduling.</summary>
    /// <returns>Their indexes, in plan order.</returns>
    /// <remarks>
    /// Costs what is ready, not what the plan holds: each step counts its dependencies still to succeed, and a step's
    /// success counts down those of the steps after it.
    /// </remarks>
    public List<int> ReadySteps()
    {
        if (Plan.Status != PlanStatus.Executing)
        {
            return [];
        }

        EnsureReadiness();
        return [.. ready];
    }

    /// <summary>
    /// Whether a retry keeps a step of this status, with its output, instead of running it: only a succeeded one (a
    /// failed plan's other steps are failed or skipped, which <see cref="ResetForRetry"/> sets pending again).
    /// </summary>
    /// <param name="status">The step's status in the failed plan.</param>
    /// <returns>Whether the step is kept.</returns>
    public static bool KeptOnRetry(StepStatus status) => status == StepStatus.Succeeded;

    /// <summary>Makes a failed plan's failed and skipped steps pending again, to run as they are; succeeded steps keep their results.</summary>
    /// <exception cref="PlanStateException">The plan has not failed, or is not recoverable.</exception>
    public void ResetForRetry()
    {
        if (Plan.Status != PlanStatus.Failed || !Recoverable)
        {
            throw new PlanStateException($"Only a recoverable failed plan can run again; this one is {Plan.Status.ToWireName()}.");
        }

        foreach (var step in Plan.Steps.Where(step => step.Status is StepStatus.Failed or StepStatus.Skipped))
        {
            step.Status = StepStatus.Pending;
            step.Error = null;
            step.Output = null;
            step.OutputTruncated = false;
            step.ResolvedParameters = null;
            step.Attempts = null;
        }

        waiting = null;
        ready.Clear();
    }

    /// <summary>
    /// Stops a ready step at its checkpoint, with its parameters filled in, until an approver confirms it
    /// (<see cref="StartStep"/>) or skips it (<see cref="SkipStep"/>). A held step is not running: the plan may end
    /// while it waits, and then it is skipped.
    /// </summary>
    public ExecutionStep HoldStep(int index, JsonObject resolvedParameters, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.AwaitingApproval, at);
        ready.Remove(index);
        step.ResolvedParameters = resolvedParameters;
        step.Attempts = null;
        step.Output = null;
        step.Error = null;
        step.OutputTruncated = false;
        return step;
    }

    /// <summary>
    /// Skips a step held at its checkpoint, and every pending step that depends on it, directly or through others:
    /// they cannot run without it.
    /// </summary>
    /// <returns>The ids of the dependent steps skipped with it.</returns>
    public List<string> SkipStep(int index, string reason, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.Skipped, at);
        step.Error = reason;
        var skipped = new List<string>();
        var next = new Queue<int>([index]);
        while (next.TryDequeue(out var from))
        {
            foreach (var dependent in Graph().DependentsOf(from))
            {
                var later = Plan.Steps[dependent];
                if (later.Status != StepStatus.Pending)
                {
                    continue;
                }

                later.Status = StepStatus.Skipped;
                later.Error = $"Not run: it depends on step '{Plan.Steps[from].Id}', which was skipped.";
                ready.Remove(dependent);
                skipped.Add(later.Id);
                next.Enqueue(dependent);
            }
        }

        return skipped;
    }

    /// <summary>Starts a step with its parameters filled in (a held step: with the parameters it was confirmed with).</summary>
    public ExecutionStep StartStep(int index, JsonObject resolvedParameters, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.Running, at);
        ready.Remove(index);
        step.ResolvedParameters = resolvedParameters;
        step.Attempts = null;
        step.Output = null;
        step.Error = null;
        step.OutputTruncated = false;
        running++;
        return step;
    }

    /// <summary>Records one attempt at a running step; the step runs on until its result is recorded.</summary>
    /// <param name="index">The step's position.</param>
    /// <param name="attempt">The attempt.</param>
    /// <exception cref="PlanStateException">The step is not running.</exception>
    public void RecordAttempt(int index, StepAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var step = Plan.Steps[index];
        if (step.Status != StepStatus.Running)
        {
            throw new PlanStateException($"Step '{step.Id}' is {step.Status.ToString().ToLowerInvariant()}; only a running step has attempts.");
        }

        (step.Attempts ??= []).Add(attempt);
        Plan.Touch(attempt.EndedAt);
    }

    /// <summary>Records a step's success.</summary>
    public void SucceedStep(int index, string? output, bool truncated, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.Succeeded, at);
        step.Output = output;
        step.OutputTruncated = truncated;
        running--;
        if (waiting is not null)
        {
            foreach (var dependent in Graph().DependentsOf(index))
            {
                if (--waiting[dependent] == 0 && Plan.Steps[dependent].Status == StepStatus.Pending)
                {
                    ready.Add(dependent);
                }
            }
        }
    }

    /// <summary>Records a step's failure.</summary>
    public void FailStep(int index, string error, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.Failed, at);
        step.Error = error;
        running--;
    }

    /// <summary>Fails a step that could not start (its parameters could not be filled in), without running it.</summary>
    public void FailBeforeStart(int index, string error, DateTimeOffset at)
    {
        var step = Move(index, StepStatus.Running, at);
        ready.Remove(index);
        step.Status = StepStatus.Failed;
        step.Error = error;
    }

    /// <summary>The position of the step with this id, or -1 when the plan has none.</summary>
    public int IndexOf(string stepId) => stepIndexes.TryGetValue(stepId, out var index) ? index : -1;

    /// <summary>The output text of a step, for references; null unless it succeeded.</summary>
    public string? OutputOf(string stepId) =>
        stepIndexes.TryGetValue(stepId, out var index) && Plan.Steps[index].Status == StepStatus.Succeeded ? Plan.Steps[index].Output : null;

    /// <summary>Whether a decision id was already applied.</summary>
    public bool WasApplied(string? decisionId) => decisionId is not null && appliedDecisionIds.Contains(decisionId);

    /// <summary>Records a decision with its outcome: exactly one record per decision that reached the plan.</summary>
    public PlanDecision Record(DecisionKind kind, DecisionOutcome outcome, int? version, string? decisionId, string? by, string? comment, string? detail, DateTimeOffset at)
    {
        if (outcome == DecisionOutcome.Applied && decisionId is not null)
        {
            appliedDecisionIds.Add(decisionId);
        }

        var decision = new PlanDecision
        {
            Kind = kind,
            Outcome = outcome,
            Version = version,
            PlanVersion = Plan.Version,
            DecisionId = decisionId,
            By = by,
            Comment = comment,
            Detail = detail,
            At = at,
        };
        decisions.Add(decision);
        Plan.Touch(at);
        return decision;
    }

    /// <summary>
    /// Why a decision of <paramref name="kind"/> cannot apply in the plan's status, or null when the status takes it:
    /// approvals, changes and rejections only while the plan awaits approval; a cancel until the plan has ended.
    /// </summary>
    public string? NotNow(DecisionKind kind) => (kind, Plan.Status) switch
    {
        (DecisionKind.Retry or DecisionKind.Modify or DecisionKind.Reject or DecisionKind.Cancel, PlanStatus.Failed) when Recoverable => null,
        (DecisionKind.Approve, PlanStatus.Failed) when Recoverable => "The plan failed; run it again (retry) or change it (modify), not approve it.",
        (_, var status) when status.IsFinal() => $"The plan has ended ({status.ToWireName()}).",
        (DecisionKind.Retry, var status) => $"The plan is {status.ToWireName()}; only a failed plan can be retried.",
        (DecisionKind.Cancel, PlanStatus.Cancelling) => "The plan is already being cancelled.",
        (DecisionKind.Cancel, _) => null,
        (_, PlanStatus.PendingApproval) => null,
        (_, PlanStatus.Executing or PlanStatus.Cancelling) => $"The plan is {Plan.Status.ToWireName()}; decisions on its approval are over.",
        (_, PlanStatus.Approved) => "The plan is approved; decisions on its approval are over.",
        (_, var status) => $"The plan is {status.ToWireName()}, not awaiting approval.",
    };

    private ExecutionStep Move(int index, StepStatus to, DateTimeOffset at)
    {
        var step = Plan.Steps[index];
        if (!StepMoves.ContainsKey((step.Status, to)))
        {
            throw new PlanStateException($"Step '{step.Id}' is {step.Status.ToString().ToLowerInvariant()} and cannot become {to.ToString().ToLowerInvariant()}.");
        }

        step.Status = to;
        Plan.Touch(at);
        return step;
    }

    private void SkipPending(string reason, DateTimeOffset at)
    {
        ready.Clear();
        foreach (var step in Plan.Steps.Where(s => s.Status is StepStatus.Pending or StepStatus.AwaitingApproval))
        {
            step.Status = StepStatus.Skipped;
            step.Error ??= reason;
            Plan.Touch(at);
        }
    }

    private PlanGraph Graph() => graph ??= PlanGraph.Build(Plan).Graph;

    /// <summary>Counts, once per version, each step's dependencies still to succeed; the ready set follows from there.</summary>
    private void EnsureReadiness()
    {
        if (waiting is not null)
        {
            return;
        }

        var dependencies = Graph();
        waiting = new int[Plan.Steps.Count];
        for (var index = 0; index < Plan.Steps.Count; index++)
        {
            waiting[index] = dependencies.DependenciesOf(index).Count(d => Plan.Steps[d].Status != StepStatus.Succeeded);
            if (waiting[index] == 0 && Plan.Steps[index].Status == StepStatus.Pending)
            {
                ready.Add(index);
            }
        }
    }

    private void IndexSteps()
    {
        stepIndexes.Clear();
        for (var index = 0; index < Plan.Steps.Count; index++)
        {
            stepIndexes.TryAdd(Plan.Steps[index].Id, index);
        }
    }
}
