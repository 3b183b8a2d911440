using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Step checkpoints: a step that asks for one (<see cref="ExecutionStep.Checkpoint"/>), or whose risk's policy does,
/// stops before it runs with its parameters filled in, while the others go on. Its quorum of distinct approvers
/// confirms it (it runs with exactly those parameters), or one of them skips it (and the steps that need it), or
/// rejects it (the plan ends cancelled once running steps finish). With no decision before the approval timeout,
/// the plan is cancelled too. Held steps never cross into a new execution: the workflow hands over only when no
/// step runs or waits.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    /// <summary>The steps held at their checkpoints, by position.</summary>
    private readonly SortedDictionary<int, HeldStep> held = [];

    /// <summary>Steps confirmed at their checkpoints, waiting for room to run (<see cref="PlanOrchestrationInput.MaxParallelSteps"/>).</summary>
    private readonly List<int> cleared = [];

    /// <summary>The deadlines of the held steps, to wait on beside the running steps and the decisions.</summary>
    private IEnumerable<Task> CheckpointDeadlines => held.Values.Select(wait => wait.Deadline);

    /// <summary>Whether a step waits at a checkpoint before it runs: it asks for one, or the policy of its risk does.</summary>
    private bool NeedsCheckpoint(ExecutionStep step) => step.Checkpoint || Policy.For(step.Risk ?? ToolRisk.Write).Checkpoint;

    /// <summary>How many distinct approvers confirm a step at its checkpoint: its risk's quorum, and at least one.</summary>
    private int CheckpointQuorum(ExecutionStep step) => Math.Max(1, Policy.For(step.Risk ?? ToolRisk.Write).RequiredApprovals);

    /// <summary>Whether the requester's own confirmation of the step counts.</summary>
    private bool CheckpointAllowsSelf(ExecutionStep step) => Policy.For(step.Risk ?? ToolRisk.Write).AllowSelfApproval ?? input.AllowSelfApproval;

    /// <summary>Holds a ready step at its checkpoint, with the parameters it would run with, and asks its approvers.</summary>
    private async Task HoldAsync(int index, JsonObject resolved)
    {
        var step = machine.HoldStep(index, resolved, Now);
        var expiresAt = Now + input.ApprovalTimeout;
        var timer = new CancellationTokenSource();
        held[index] = new HeldStep(expiresAt, context.CreateTimer(expiresAt.UtcDateTime, timer.Token), timer);
        LogHeld(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, step.Id, CheckpointQuorum(step), expiresAt);
        Publish();
        await NotifyAsync(NotificationKind.Checkpoint, Approvers, step.Id);
    }

    /// <summary>Starts the confirmed steps there is room for, with the parameters they were confirmed with.</summary>
    private void StartClearedSteps(Dictionary<Task<StepResult>, int> running)
    {
        while (cleared.Count > 0 && running.Count < input.MaxParallelSteps)
        {
            var index = cleared[0];
            cleared.RemoveAt(0);
            Launch(running, index, Plan.Steps[index].ResolvedParameters ?? []);
        }
    }

    /// <summary>Handles an approval, skip or rejection of a step at its checkpoint.</summary>
    private void ApplyCheckpointDecision(DecisionKind kind, DecisionPayload decision, int runningSteps)
    {
        var stepId = decision.StepId!;
        var index = machine.IndexOf(stepId);
        if (index < 0)
        {
            Record(kind, DecisionOutcome.Refused, decision, $"The plan has no step '{stepId}'.");
            return;
        }

        var step = Plan.Steps[index];
        if (!held.TryGetValue(index, out var wait))
        {
            var state = cleared.Contains(index) ? "confirmed already" : step.Status.ToWireName();
            Record(kind, DecisionOutcome.Ignored, decision, $"Step '{stepId}' is {state}, not waiting at a checkpoint.");
            return;
        }

        if (!Screen(kind, decision, CheckpointAllowsSelf(step)))
        {
            return;
        }

        switch (kind)
        {
            case DecisionKind.Approve:
                ConfirmStep(index, wait, decision);
                break;
            case DecisionKind.Skip:
                Record(kind, DecisionOutcome.Applied, decision);
                Release(index);
                var alsoSkipped = machine.SkipStep(index, Describe("Skipped at its checkpoint", decision), Now);
                LogSkipped(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, stepId, decision.By, alsoSkipped.Count);
                break;
            default:
                Record(kind, DecisionOutcome.Applied, decision);
                var reason = Describe($"Rejected at step '{stepId}'", decision);
                step.Error = reason;
                StopRunning(reason, runningSteps);
                break;
        }
    }

    /// <summary>Counts a confirmation toward the step's quorum; once it is met, the step runs as soon as there is room.</summary>
    private void ConfirmStep(int index, HeldStep wait, DecisionPayload decision)
    {
        var step = Plan.Steps[index];
        var by = decision.By ?? string.Empty;
        var quorum = CheckpointQuorum(step);
        if (wait.ApprovedBy.Contains(by, StringComparer.OrdinalIgnoreCase))
        {
            var who = decision.By ?? "An unnamed caller";
            Record(DecisionKind.Approve, DecisionOutcome.Duplicate, decision, $"{who} has already confirmed step '{step.Id}'; each confirmation toward its quorum of {quorum} must come from a different approver.");
            return;
        }

        Record(DecisionKind.Approve, DecisionOutcome.Applied, decision);
        wait.ApprovedBy.Add(by);
        LogConfirmed(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, step.Id, wait.ApprovedBy.Count, quorum, decision.By);
        if (wait.ApprovedBy.Count >= quorum)
        {
            Release(index);
            cleared.Add(index);
        }
    }

    /// <summary>Nobody decided on a held step in time: the plan is cancelled, as it is when an approval times out.</summary>
    private void CheckpointTimedOut(Task deadline, int runningSteps)
    {
        var (index, _) = held.First(pair => pair.Value.Deadline == deadline);
        var step = Plan.Steps[index];
        var reason = $"No decision on step '{step.Id}' within {input.ApprovalTimeout}; the plan was cancelled.";
        Record(DecisionKind.Timeout, DecisionOutcome.Applied, new DecisionPayload { Version = Plan.Version, StepId = step.Id }, reason);
        step.Error = reason;
        StopRunning(reason, runningSteps);
    }

    /// <summary>Stops waiting at a step's checkpoint: its deadline timer is cancelled, so the instance can end without it.</summary>
    private void Release(int index)
    {
        if (held.Remove(index, out var wait))
        {
            // Cancel, not CancelAsync: see AwaitApprovalAsync.
            wait.Timer.Cancel();
            wait.Timer.Dispose();
        }
    }

    /// <summary>Stops waiting at every checkpoint: the plan failed or is being cancelled; the held steps end skipped.</summary>
    private void ReleaseCheckpoints()
    {
        foreach (var index in held.Keys.ToList())
        {
            Release(index);
        }

        cleared.Clear();
    }

    /// <summary>The held steps as the view shows them, while any are held.</summary>
    private List<PlanCheckpoint>? CheckpointsView() => held.Count == 0
        ? null
        : [.. held.Select(pair =>
        {
            var step = Plan.Steps[pair.Key];
            return new PlanCheckpoint
            {
                StepId = step.Id,
                Risk = step.Risk ?? ToolRisk.Write,
                Approvals = new PlanApprovals { Required = CheckpointQuorum(step), Received = pair.Value.ApprovedBy.ConvertAll(by => by.Length > 0 ? by : "anonymous") },
                AllowSelfApproval = CheckpointAllowsSelf(step),
                ExpiresAt = pair.Value.ExpiresAt,
            };
        })];

    [LoggerMessage(EventId = 2041, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} waits at its checkpoint for {Quorum} approver(s) until {ExpiresAt}")]
    private static partial void LogHeld(ILogger logger, string planId, string stepId, int quorum, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} confirmed {Received} of {Required} by {By}")]
    private static partial void LogConfirmed(ILogger logger, string planId, string stepId, int received, int required, string? by);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Information, Message = "Plan {PlanId}: step {StepId} skipped at its checkpoint by {By}, with {Dependents} step(s) that need it")]
    private static partial void LogSkipped(ILogger logger, string planId, string stepId, string? by, int dependents);

    /// <summary>A step held at its checkpoint: until when, its deadline timer, and who has confirmed it.</summary>
    private sealed record HeldStep(DateTimeOffset ExpiresAt, Task Deadline, CancellationTokenSource Timer)
    {
        public List<string> ApprovedBy { get; } = [];
    }
}
