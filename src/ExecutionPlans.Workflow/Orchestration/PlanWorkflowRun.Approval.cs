using System.Text.Json;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>The approval loop: each version waits for a decision until its deadline.</summary>
internal sealed partial class PlanWorkflowRun
{
    /// <summary>A task that never completes, in place of a timer that is not needed.</summary>
    private static Task Never => new TaskCompletionSource().Task;

    private int modifications;
    private PlanVersionSnapshot? previousVersion;

    /// <summary>Waits for decisions until the plan is approved (true) or ends (false).</summary>
    private async Task<bool> AwaitApprovalAsync()
    {
        // One round per version; modifications are capped, so the rounds are too.
        ApprovalOutcome outcome;
        do
        {
            var expiresAt = Now + input.ApprovalTimeout;
            approvalExpiresAt = expiresAt;
            machine.Fire(Plan.Version == 1 ? PlanTrigger.Submitted : PlanTrigger.Revised, Now);
            Publish();
            LogAwaitingApproval(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, expiresAt);

            using var timerCancellation = new CancellationTokenSource();
            var deadline = context.CreateTimer(expiresAt.UtcDateTime, timerCancellation.Token);

            // Approvers who have not acted by half the timeout are reminded, once per version.
            var reminder = HasNotificationChannels
                ? context.CreateTimer((Now + (input.ApprovalTimeout / 2)).UtcDateTime, timerCancellation.Token)
                : Never;
            // Nobody deciding in time brings in the escalation approvers, once per version.
            var escalation = input.EscalateAfter is { } after && input.EscalationApprovers.Count > 0 && after < input.ApprovalTimeout
                ? context.CreateTimer((Now + after).UtcDateTime, timerCancellation.Token)
                : Never;
            await NotifyAsync(NotificationKind.ApprovalRequested, Approvers);
            outcome = await DecideAsync(deadline, reminder, escalation);

            // Timers that lost the race must be cancelled, or the instance stays running until they fire.
            // Cancel, not CancelAsync: CancelAsync runs the timer's callback on the thread pool, and awaiting
            // it would resume the orchestrator outside its episode, so the next step would never be scheduled.
            timerCancellation.Cancel();
        }
        while (outcome == ApprovalOutcome.Changed);

        return outcome == ApprovalOutcome.Approved;
    }

    /// <summary>Handles decisions for the current version until one changes it or ends the wait.</summary>
    private async Task<ApprovalOutcome> DecideAsync(Task deadline, Task reminder, Task escalation)
    {
        while (true)
        {
            var winner = await Task.WhenAny([.. Events.Decisions, deadline, reminder, escalation]);
            if (winner == reminder)
            {
                reminder = Never;
                await RemindAsync();
                continue;
            }

            if (winner == escalation)
            {
                escalation = Never;
                await EscalateAsync();
                continue;
            }

            if (winner == deadline)
            {
                var reason = $"No decision within {input.ApprovalTimeout}; the plan was cancelled.";
                Record(DecisionKind.Timeout, DecisionOutcome.Applied, DecisionPayload.Empty, detail: reason);
                EndCancelled(reason, PlanTrigger.TimedOut);
                return ApprovalOutcome.Ended;
            }

            var (name, payload) = Events.Take(winner);
            var outcome = name switch
            {
                PlanEvents.Cancel => ApplyCancel(payload),
                PlanEvents.Rejected => ApplyReject(payload),
                PlanEvents.Approved => ApplyApprove(payload),
                PlanEvents.Modify => await ApplyModifyAsync(payload),
                PlanEvents.Retry or PlanEvents.Skip => IgnoreNow(name, payload),
                _ => throw new InvalidOperationException($"'{name}' is not a decision event."),
            };
            if (outcome != ApprovalOutcome.Waiting)
            {
                return outcome;
            }

            Publish();
        }
    }

    /// <summary>Records a decision the plan's status does not take, with the reason.</summary>
    private ApprovalOutcome IgnoreNow(string name, JsonElement payload)
    {
        RecordIgnored(name, payload);
        return ApprovalOutcome.Waiting;
    }

    /// <summary>Ends the plan cancelled: a cancel always applies, whatever version it names.</summary>
    private ApprovalOutcome ApplyCancel(JsonElement payload)
    {
        var decision = DecisionPayload.Read(PlanEvents.Cancel, payload);
        Record(DecisionKind.Cancel, DecisionOutcome.Applied, decision);
        EndCancelled(Describe("Cancelled", decision), PlanTrigger.Cancelled);
        return ApprovalOutcome.Ended;
    }

    private ApprovalOutcome ApplyReject(JsonElement payload)
    {
        var decision = DecisionPayload.Read(PlanEvents.Rejected, payload);
        if (!Screen(DecisionKind.Reject, decision))
        {
            return ApprovalOutcome.Waiting;
        }

        Record(DecisionKind.Reject, DecisionOutcome.Applied, decision);
        EndCancelled(Describe("Rejected", decision), PlanTrigger.Rejected);
        return ApprovalOutcome.Ended;
    }

    private ApprovalOutcome ApplyApprove(JsonElement payload)
    {
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);
        if (!Screen(DecisionKind.Approve, decision))
        {
            return ApprovalOutcome.Waiting;
        }

        if (decision.StepId is { } stepId)
        {
            Record(DecisionKind.Approve, DecisionOutcome.Refused, decision, $"Step '{stepId}' is not waiting at a checkpoint: the plan awaits approval as a whole.");
            return ApprovalOutcome.Waiting;
        }

        var received = ApprovalsReceived();
        if (received.Contains(decision.By ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            var who = decision.By ?? "An unnamed caller";
            Record(DecisionKind.Approve, DecisionOutcome.Duplicate, decision, $"{who} has already approved version {Plan.Version}; each approval toward its quorum of {RequiredApprovals} must come from a different approver.");
            return ApprovalOutcome.Waiting;
        }

        Record(DecisionKind.Approve, DecisionOutcome.Applied, decision);
        if (received.Count + 1 < RequiredApprovals)
        {
            LogApprovalCounted(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, received.Count + 1, RequiredApprovals, decision.By);
            return ApprovalOutcome.Waiting;
        }

        Plan.UserApproved = true;
        approvalExpiresAt = null;
        machine.Fire(PlanTrigger.Approved, Now);
        LogApproved(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, decision.By);
        return ApprovalOutcome.Approved;
    }

    /// <param name="payload">The event's payload.</param>
    /// <param name="recovering">Whether the plan had failed: then the new version keeps the steps that succeeded and did not change.</param>
    private async Task<ApprovalOutcome> ApplyModifyAsync(JsonElement payload, bool recovering = false)
    {
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);
        if (!Screen(DecisionKind.Modify, decision))
        {
            return ApprovalOutcome.Waiting;
        }

        if (modifications >= input.MaxModifyRounds)
        {
            Record(DecisionKind.Modify, DecisionOutcome.Refused, decision, $"The plan has had {modifications} modifications, the most allowed.");
            return ApprovalOutcome.Waiting;
        }

        if (decision.Plan is null && decision.Text is null)
        {
            Record(DecisionKind.Modify, DecisionOutcome.Refused, decision, "A modification needs feedback or a plan.");
            return ApprovalOutcome.Waiting;
        }

        // The model is shown the version as it was decided on: a failed one with its failure and results, not a draft.
        var decidedOn = Plan.Clone();

        // While the plan changes nobody can approve it: the version they saw is going away.
        var expiresAt = approvalExpiresAt;
        machine.Fire(PlanTrigger.ModificationStarted, Now);
        approvalExpiresAt = null;
        Publish();

        var (revised, failure) = decision.Plan is { } replacement
            ? await ReplacePlanAsync(replacement, decision)
            : await RevisePlanAsync(decidedOn, decision);
        if (revised is null)
        {
            // The version stands, and so does its deadline (or its recovery window).
            Record(DecisionKind.Modify, DecisionOutcome.Failed, decision, failure);
            approvalExpiresAt = expiresAt;
            if (recovering)
            {
                machine.Fire(PlanTrigger.RecoveryModificationFailed, Now);
                machine.Recoverable = true;
            }
            else
            {
                machine.Fire(PlanTrigger.ModificationFailed, Now);
            }

            return ApprovalOutcome.Waiting;
        }

        if (recovering)
        {
            KeepSucceededSteps(revised);
        }

        if (Plan.Version == 1 && input.Plan is not null)
        {
            // A given first version lives in the input only; views of later versions show it as the previous one.
            await SaveVersionAsync(Plan);
        }

        await SaveVersionAsync(revised);
        Record(DecisionKind.Modify, DecisionOutcome.Applied, decision);
        modifications++;
        previousVersion = PlanVersionSnapshot.Of(Plan);
        await AdoptAsync(revised);
        LogModified(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, decision.By);
        return ApprovalOutcome.Changed;
    }

    private async Task<(ExecutionPlan? Plan, string? Failure)> RevisePlanAsync(ExecutionPlan decidedOn, DecisionPayload decision)
    {
        ExecutionPlan revised;
        try
        {
            revised = await context.CallActivityAsync<ExecutionPlan>(
                nameof(ModifyPlanActivity), new ModifyPlanRequest(decidedOn, decision.Text!));
        }
        catch (TaskFailedException exception)
        {
            return (null, $"The plan could not be changed: {exception.FailureDetails.ErrorMessage}");
        }

        revised.TaskId = context.InstanceId;
        revised.CreatedAt = Plan.CreatedAt;
        revised.Version = Plan.Version + 1;
        revised.Revisions = [.. Plan.Revisions.Select(r => r.Clone()), NewRevision(revised.Version, decision, decision.Text)];
        return (Prepare(revised), null);
    }

    private async Task<(ExecutionPlan? Plan, string? Failure)> ReplacePlanAsync(ExecutionPlan replacement, DecisionPayload decision)
    {
        var revised = replacement.Clone();
        revised.TaskId = context.InstanceId;
        revised.CreatedAt = Plan.CreatedAt;
        revised.Version = Plan.Version + 1;
        if (string.IsNullOrWhiteSpace(revised.Description))
        {
            revised.Description = Plan.Description;
        }

        revised.Revisions = [.. Plan.Revisions.Select(r => r.Clone()), NewRevision(revised.Version, decision, decision.Text ?? "Replaced by a reviewer's plan.")];
        var errors = await context.CallActivityAsync<List<PlanValidationError>>(nameof(ValidatePlanActivity), revised);
        return errors.Count > 0
            ? (null, "The replacement plan is not valid: " + string.Join("; ", errors))
            : (Prepare(revised), null);
    }

    private ExecutionPlan Prepare(ExecutionPlan revised)
    {
        ResetSteps(revised);
        revised.Status = PlanStatus.Draft;
        revised.UserApproved = false;
        revised.Error = null;
        revised.UpdatedAt = Plan.UpdatedAt;
        revised.Touch(Now);
        return revised;
    }

    private PlanRevision NewRevision(int version, DecisionPayload decision, string? feedback) =>
        new() { Version = version, Action = RevisionAction.Modified, By = decision.By, At = Now, Feedback = feedback };

    /// <summary>Records and drops a decision that must not apply; returns whether it may apply.</summary>
    /// <param name="kind">The decision's kind.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="allowSelfApproval">Whether the requester's approval counts; the plan's setting when not given (a step's at its checkpoint).</param>
    private bool Screen(DecisionKind kind, DecisionPayload decision, bool? allowSelfApproval = null)
    {
        if (decision.DecisionId is { } id && machine.WasApplied(id))
        {
            Record(kind, DecisionOutcome.Duplicate, decision, $"The decision '{id}' was already applied.");
            return false;
        }

        if (decision.Version is { } version && version != Plan.Version)
        {
            Record(kind, DecisionOutcome.Stale, decision, $"The decision is for version {version}; the plan is at version {Plan.Version}.");
            return false;
        }

        if (decision.PlanHash is { } hash && !PlanHash.Same(hash, planHash))
        {
            Record(kind, DecisionOutcome.Stale, decision, $"The decision is for the plan hash {hash}; the current version's is {planHash}.");
            return false;
        }

        if (decision.Negated || decision.Problem is not null)
        {
            Record(kind, DecisionOutcome.Refused, decision, decision.Problem ?? "The event's payload was false.");
            return false;
        }

        // The HTTP routes check the policy too; events raised straight at the orchestration are checked here.
        if (ApprovalPolicy.Refusal(kind, decision.By, Approvers, input.RequestedBy, allowSelfApproval ?? AllowsSelfApproval) is { } refusal)
        {
            Record(kind, DecisionOutcome.Refused, decision, refusal);
            return false;
        }

        return true;
    }

    private void Record(DecisionKind kind, DecisionOutcome outcome, DecisionPayload decision, string? detail = null)
    {
        var recorded = machine.Record(kind, outcome, decision.Version, decision.DecisionId, decision.By, decision.Text, detail, Now);
        recorded.PlanHash = decision.PlanHash;
        recorded.StepId = decision.StepId;
        if (!context.IsReplaying)
        {
            // Counted once, as the decision is first applied; a replay records nothing again.
            PlanTelemetry.DecisionRecorded(kind, outcome);
            if (outcome == DecisionOutcome.Applied && decision.StepId is null && Plan.Status == PlanStatus.PendingApproval
                && Plan.Revisions.FindLast(r => r.Version == Plan.Version) is { } revision)
            {
                PlanTelemetry.ApprovalWaited(kind, Now - revision.At);
            }
        }

        if (outcome != DecisionOutcome.Applied)
        {
            LogDecisionIgnored(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, kind, outcome, detail);
        }
    }

    private static string Describe(string verb, DecisionPayload decision) =>
        (decision.By, decision.Text) switch
        {
            (null, null) => $"{verb}.",
            (null, { } text) => $"{verb}: {text}",
            ({ } by, null) => $"{verb} by {by}.",
            ({ } by, { } text) => $"{verb} by {by}: {text}",
        };

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Plan {PlanId} version {Version} awaits approval until {ExpiresAt}")]
    private static partial void LogAwaitingApproval(ILogger logger, string planId, int version, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Plan {PlanId} version {Version} approved by {By}")]
    private static partial void LogApproved(ILogger logger, string planId, int version, string? by);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Plan {PlanId} modified to version {Version} by {By}")]
    private static partial void LogModified(ILogger logger, string planId, int version, string? by);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "Plan {PlanId}: {Kind} decision {Outcome}: {Detail}")]
    private static partial void LogDecisionIgnored(ILogger logger, string planId, DecisionKind kind, DecisionOutcome outcome, string? detail);

    private enum ApprovalOutcome
    {
        Waiting,
        Changed,
        Approved,
        Ended,
    }
}
