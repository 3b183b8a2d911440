using System.Text.Json;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// One run of <see cref="PlanOrchestrator"/>: the plan, its decisions and the event waiters. Deterministic:
/// time comes from the context, every side effect from an activity.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    private readonly TaskOrchestrationContext context;
    private readonly PlanOrchestrationInput input;
    private readonly PlanStateMachine machine;
    private static readonly TaskOptions SaveOptions = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1)));

    private readonly LiveView status;
    private PlanEventWaiters? events;
    private DateTimeOffset? approvalExpiresAt;
    private bool cancelRequested;

    public PlanWorkflowRun(TaskOrchestrationContext context, PlanOrchestrationInput input)
    {
        this.context = context;
        this.input = input;
        if (input.Continuation is { } continuation)
        {
            // A running plan taken up again in a new execution: its state is the input.
            machine = new PlanStateMachine(continuation.Plan, continuation.Decisions);
            notifications.AddRange(continuation.Notifications);
            previousVersion = continuation.PreviousVersion;
            modifications = continuation.Modifications;
            generation = continuation.Generation;
            ContinuePolicy(continuation);
            status = new LiveView(CurrentView);
            return;
        }

        var now = Now;
        var createdAt = input.SubmittedAt ?? now;
        // A given plan is shown with its steps from the first view on; a request in words until the model answers.
        var first = input.Plan is { } given ? given.Clone() : new ExecutionPlan { Description = input.Input ?? string.Empty };
        first.TaskId = context.InstanceId;
        first.Description = string.IsNullOrEmpty(first.Description) ? input.Input ?? string.Empty : first.Description;
        first.CreatedAt = createdAt;
        first.UpdatedAt = now > createdAt ? now : createdAt;
        first.Status = PlanStatus.Draft;
        first.Version = 1;
        ResetSteps(first);
        machine = new PlanStateMachine(first);
        status = new LiveView(CurrentView);
    }

    /// <summary>The plan as it is now; the state machine owns it.</summary>
    private ExecutionPlan Plan => machine.Plan;

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    private PlanEventWaiters Events => events ??= new PlanEventWaiters(context);

    public async Task<PlanView> RunAsync()
    {
        Publish();
        _ = Events;
        var continued = input.Continuation is not null;
        if (continued || (await DraftAsync() && await ApproveAsync()))
        {
            while (true)
            {
                if (await ExecuteAsync(continued))
                {
                    // Continued as a new execution, which goes on with the plan.
                    return PlanViewBudget.Fit(CurrentView());
                }

                if (Plan.Status != PlanStatus.Failed || input.RecoveryWindow <= TimeSpan.Zero)
                {
                    break;
                }

                // A changed plan runs only once a person approved the change, whatever the plan needed at first.
                var recovery = await AwaitRecoveryAsync();
                if (recovery == RecoveryOutcome.Ended || (recovery == RecoveryOutcome.Changed && !await AwaitApprovalAsync()))
                {
                    break;
                }

                continued = recovery == RecoveryOutcome.Retry;
            }
        }

        if (!context.IsReplaying)
        {
            PlanTelemetry.PlanEnded(Plan.Status);
        }

        Publish();
        await NotifyOutcomeAsync();
        RecordLateDecisions();
        return PlanViewBudget.Fit(CurrentView());
    }

    /// <summary>
    /// Records, as ignored, the decisions that reached the plan after it ended and before the workflow did. (Events
    /// that come once the orchestration has completed never reach it: the API answers them 409 from the final view.)
    /// </summary>
    private void RecordLateDecisions()
    {
        while (Events.Decisions.FirstOrDefault(waiter => waiter.IsCompleted) is { } arrived)
        {
            var (name, payload) = Events.Take(arrived);
            RecordIgnored(name, payload);
        }
    }

    /// <summary>Waits for approval, or approves at once when none is required. Returns false when the plan ended.</summary>
    private async Task<bool> ApproveAsync()
    {
        if (input.RequireApproval && RequiredApprovals == 0)
        {
            ApproveByPolicy();
            return true;
        }

        if (input.RequireApproval)
        {
            return await AwaitApprovalAsync();
        }

        machine.Fire(PlanTrigger.AutoApproved, Now);
        return true;
    }

    /// <summary>Generates the plan, or checks the given one. Returns false when the plan ended.</summary>
    private async Task<bool> DraftAsync()
    {
        ExecutionPlan draft;
        if (input.Plan is not null)
        {
            draft = Plan;
            draft.Version = 1;
            draft.Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = input.RequestedBy, At = Plan.CreatedAt }];
        }
        else
        {
            try
            {
                draft = await context.CallActivityAsync<ExecutionPlan>(nameof(GeneratePlanActivity), input.Input);
            }
            catch (TaskFailedException exception)
            {
                LogPlanningFailed(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, exception.FailureDetails.ErrorMessage);
                Fail($"Planning failed: {exception.FailureDetails.ErrorMessage}", PlanTrigger.Invalid);
                return false;
            }

            foreach (var revision in draft.Revisions)
            {
                revision.By ??= input.RequestedBy;
            }
        }

        draft.TaskId = context.InstanceId;
        draft.CreatedAt = Plan.CreatedAt;
        draft.UpdatedAt = Plan.UpdatedAt;
        draft.Status = PlanStatus.Draft;
        draft.UserApproved = false;
        draft.Error = null;
        ResetSteps(draft);
        if (input.Plan is not null)
        {
            var errors = await context.CallActivityAsync<List<PlanValidationError>>(nameof(ValidatePlanActivity), draft);
            if (errors.Count > 0)
            {
                Fail("The plan is not valid: " + string.Join("; ", errors), PlanTrigger.Invalid);
                return false;
            }
        }

        if (input.Plan is null)
        {
            // A given plan's first version is the workflow's input, which views read; a generated one is saved.
            await SaveVersionAsync(draft);
        }

        await AdoptAsync(draft);
        Plan.Touch(Now);

        if (Events.Cancel.IsCompleted)
        {
            ApplyCancel(Events.Take(Events.Cancel).Payload);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Saves a version for views before the plan shows it: a large plan's status holds only an outline of its steps.
    /// A store that keeps failing costs the view its details, never the plan its run.
    /// </summary>
    private async Task SaveVersionAsync(ExecutionPlan version)
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(SavePlanVersionActivity), version, SaveOptions);
        }
        catch (TaskFailedException exception)
        {
            LogVersionNotSaved(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, version.Version, exception.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Ends the plan failed; <paramref name="trigger"/> says from where (its draft, or its steps).</summary>
    private void Fail(string error, PlanTrigger trigger)
    {
        Plan.Error = error;
        machine.Fire(trigger, Now, error);
        LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Failed, error);
    }

    /// <summary>Ends the plan cancelled; <paramref name="trigger"/> says how (rejected, timed out, cancelled, drained).</summary>
    private void EndCancelled(string reason, PlanTrigger trigger)
    {
        Plan.Error = reason;
        approvalExpiresAt = null;
        machine.Fire(trigger, Now);
        LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Cancelled, reason);
    }

    private static void ResetSteps(ExecutionPlan target)
    {
        foreach (var step in target.Steps)
        {
            step.Status = StepStatus.Pending;
            step.Output = null;
            step.Error = null;
            step.OutputTruncated = false;
            step.ResolvedParameters = null;
        }
    }

    /// <summary>
    /// Shows the plan as it is now. Cheap: the status is one live object, turned into the (fitted) view only when the
    /// host writes the episode's custom status, once, so replaying history builds no view at all.
    /// </summary>
    private void Publish() => context.SetCustomStatus(status);

    /// <summary>
    /// The view of the plan as it is now, for the host to write at once: its steps are new objects (the budget cuts
    /// them in place) sharing the plan's parameter trees, which nothing changes while the host serializes.
    /// </summary>
    private PlanView CurrentView()
    {
        var view = new PlanView
        {
            Id = Plan.TaskId,
            Status = Plan.Status,
            Version = Plan.Version,
            Description = Plan.Description,
            UserApproved = Plan.UserApproved,
            CreatedAt = Plan.CreatedAt,
            UpdatedAt = Plan.UpdatedAt,
            Steps = Plan.Steps.ConvertAll(step => new ExecutionStep
            {
                Id = step.Id,
                ToolName = step.ToolName,
                Description = step.Description,
                Input = step.Input,
                Parameters = step.Parameters,
                DependsOn = step.DependsOn,
                Retry = step.Retry,
                Timeout = step.Timeout,
                Checkpoint = step.Checkpoint,
                Risk = step.Risk,
                Attempts = step.Attempts,
                ResolvedParameters = step.ResolvedParameters,
                Status = step.Status,
                Output = step.Output,
                Error = step.Error,
                OutputTruncated = step.OutputTruncated,
            }),
            Revisions = Plan.Revisions.ConvertAll(revision => revision.Clone()),
            Error = Plan.Error,
        };
        view.Decisions = [.. machine.Decisions];
        view.DecisionCounts = machine.Decisions
            .GroupBy(decision => decision.Outcome)
            .ToDictionary(group => JsonNamingPolicy.SnakeCaseLower.ConvertName(group.Key.ToString()), group => group.Count());
        view.PreviousVersion = previousVersion;
        view.RequireApproval = input.RequireApproval;
        view.ApprovalExpiresAt = Plan.Status == PlanStatus.PendingApproval ? approvalExpiresAt : null;
        view.Approvers = [.. Approvers];
        view.RequestedBy = input.RequestedBy;
        view.AllowSelfApproval = AllowsSelfApproval;
        view.Risk = risk;
        view.PlanHash = planHash;
        view.Approvals = ApprovalsView();
        view.Checkpoints = CheckpointsView();
        view.Policy = input.Policy;
        view.CancelRequested = cancelRequested && !Plan.Status.IsFinal();
        view.RecoverableUntil = Plan.Status == PlanStatus.Failed && machine.Recoverable ? recoverableUntil : null;
        view.Notifications = notifications.ConvertAll(n => n);
        return view;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Plan {PlanId}: planning failed: {Error}")]
    private static partial void LogPlanningFailed(ILogger logger, string planId, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Plan {PlanId}: version {Version} could not be saved for views: {Error}")]
    private static partial void LogVersionNotSaved(ILogger logger, string planId, int version, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Plan {PlanId} ended {Status}: {Reason}")]
    private static partial void LogPlanEnded(ILogger logger, string planId, PlanStatus status, string reason);
}
