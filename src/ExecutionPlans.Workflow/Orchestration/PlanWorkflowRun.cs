using ExecutionPlans.Model;
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
    private readonly List<PlanDecision> decisions = [];
    private readonly HashSet<string> appliedDecisionIds = new(StringComparer.Ordinal);
    private ExecutionPlan plan;
    private PlanEventWaiters? events;
    private DateTimeOffset? approvalExpiresAt;
    private bool cancelRequested;

    public PlanWorkflowRun(TaskOrchestrationContext context, PlanOrchestrationInput input)
    {
        this.context = context;
        this.input = input;
        var now = Now;
        var createdAt = input.SubmittedAt ?? now;
        plan = new ExecutionPlan
        {
            TaskId = context.InstanceId,
            Description = input.Plan?.Description ?? input.Input ?? string.Empty,
            CreatedAt = createdAt,
            UpdatedAt = now > createdAt ? now : createdAt,
        };
    }

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    private PlanEventWaiters Events => events ??= new PlanEventWaiters(context);

    public async Task<PlanView> RunAsync()
    {
        Publish();
        _ = Events;
        if (await DraftAsync() && await ApproveAsync())
        {
            await ExecuteAsync();
        }

        Publish();
        await NotifyOutcomeAsync();
        return Publish();
    }

    /// <summary>Waits for approval, or approves at once when none is required. Returns false when the plan ended.</summary>
    private async Task<bool> ApproveAsync()
    {
        if (input.RequireApproval)
        {
            return await AwaitApprovalAsync();
        }

        plan.TransitionTo(PlanStatus.Approved, Now);
        return true;
    }

    /// <summary>Generates the plan, or checks the given one. Returns false when the plan ended.</summary>
    private async Task<bool> DraftAsync()
    {
        ExecutionPlan draft;
        if (input.Plan is { } given)
        {
            draft = given.Clone();
            draft.Version = 1;
            draft.Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = input.RequestedBy, At = plan.CreatedAt }];
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
                Fail($"Planning failed: {exception.FailureDetails.ErrorMessage}");
                return false;
            }

            foreach (var revision in draft.Revisions)
            {
                revision.By ??= input.RequestedBy;
            }
        }

        draft.TaskId = context.InstanceId;
        draft.CreatedAt = plan.CreatedAt;
        draft.UpdatedAt = plan.UpdatedAt;
        draft.Status = PlanStatus.Draft;
        draft.UserApproved = false;
        draft.Error = null;
        ResetSteps(draft);
        plan = draft;
        plan.Touch(Now);

        if (input.Plan is not null)
        {
            var errors = await context.CallActivityAsync<List<PlanValidationError>>(nameof(ValidatePlanActivity), plan);
            if (errors.Count > 0)
            {
                Fail("The plan is not valid: " + string.Join("; ", errors));
                return false;
            }
        }

        if (Events.Cancel.IsCompleted)
        {
            ApplyCancel(Events.Take(Events.Cancel).Payload);
            return false;
        }

        return true;
    }

    private void Fail(string error)
    {
        plan.Error = error;
        SkipRemainingSteps(error);
        plan.TransitionTo(PlanStatus.Failed, Now);
        LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Failed, error);
    }

    private void EndCancelled(string reason)
    {
        plan.Error = reason;
        approvalExpiresAt = null;
        SkipRemainingSteps("The plan was cancelled.");
        plan.TransitionTo(PlanStatus.Cancelled, Now);
        LogPlanEnded(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, PlanStatus.Cancelled, reason);
    }

    private void SkipRemainingSteps(string reason)
    {
        foreach (var step in plan.Steps.Where(s => s.Status is StepStatus.Pending or StepStatus.Running))
        {
            step.Status = StepStatus.Skipped;
            step.Error ??= reason;
        }
    }

    private static void ResetSteps(ExecutionPlan target)
    {
        foreach (var step in target.Steps)
        {
            step.Status = StepStatus.Pending;
            step.Output = null;
            step.Error = null;
            step.OutputTruncated = false;
        }
    }

    private PlanView Publish()
    {
        var fitted = PlanViewBudget.Fit(CurrentView());
        context.SetCustomStatus(fitted);
        return fitted;
    }

    private PlanView CurrentView()
    {
        var view = PlanView.FromPlan(plan);
        view.Decisions = decisions.ConvertAll(d => d);
        view.PreviousVersion = previousVersion;
        view.RequireApproval = input.RequireApproval;
        view.ApprovalExpiresAt = plan.Status == PlanStatus.PendingApproval ? approvalExpiresAt : null;
        view.Approvers = [.. input.Approvers];
        view.RequestedBy = input.RequestedBy;
        view.AllowSelfApproval = input.AllowSelfApproval;
        view.CancelRequested = cancelRequested && !plan.Status.IsFinal();
        view.Notifications = notifications.ConvertAll(n => n);
        return view;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Plan {PlanId}: planning failed: {Error}")]
    private static partial void LogPlanningFailed(ILogger logger, string planId, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Plan {PlanId} ended {Status}: {Reason}")]
    private static partial void LogPlanEnded(ILogger logger, string planId, PlanStatus status, string reason);
}
