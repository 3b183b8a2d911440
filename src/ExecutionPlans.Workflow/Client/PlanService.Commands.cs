using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.Client;

/// <summary>The commands: decisions, cancel and delete.</summary>
public sealed partial class PlanService
{
    /// <summary>Approves the plan's current (or named) version.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="request">The decision.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict (not awaiting approval, or a stale version).</returns>
    public Task<PlanCommandResult> ApproveAsync(string id, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideAsync(id, PlanEvents.Approved, DecisionKind.Approve, request, (version, r) => new ApprovedEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Comment = r.Text,
        }, cancellationToken);

    /// <summary>Asks for changes to the plan: feedback for the model, or a replacement plan.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is the feedback.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict.</returns>
    public Task<PlanCommandResult> ModifyAsync(string id, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideAsync(id, PlanEvents.Modify, DecisionKind.Modify, request, (version, r) => new ModifyEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Feedback = r.Text,
            Plan = r.Plan,
        }, cancellationToken);

    /// <summary>Rejects the plan; it ends cancelled.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is the reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict.</returns>
    public Task<PlanCommandResult> RejectAsync(string id, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideAsync(id, PlanEvents.Rejected, DecisionKind.Reject, request, (version, r) => new RejectedEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Reason = r.Text,
        }, cancellationToken);

    /// <summary>Runs a failed plan's failed and skipped steps again, as they are, while it is recoverable.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is a comment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict when the plan has not failed or failed for good.</returns>
    public Task<PlanCommandResult> RetryAsync(string id, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideAsync(id, PlanEvents.Retry, DecisionKind.Retry, request, (version, r) => new RetryEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Comment = r.Text,
        }, cancellationToken);

    /// <summary>Confirms a step held at its checkpoint: once its quorum confirmed it, it runs with the parameters it shows.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is a comment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found (no plan, or no such step), forbidden, or conflict when the step is not held.</returns>
    public Task<PlanCommandResult> ApproveStepAsync(string id, string stepId, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideStepAsync(id, stepId, PlanEvents.Approved, DecisionKind.Approve, request, (version, r) => new ApprovedEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Comment = r.Text,
        }, cancellationToken);

    /// <summary>Skips a step held at its checkpoint, and the steps that depend on it; the rest of the plan goes on.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is the reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, forbidden, or conflict when the step is not held.</returns>
    public Task<PlanCommandResult> SkipStepAsync(string id, string stepId, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideStepAsync(id, stepId, PlanEvents.Skip, DecisionKind.Skip, request, (version, r) => new SkipEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Reason = r.Text,
        }, cancellationToken);

    /// <summary>Rejects a step held at its checkpoint: the plan ends cancelled once its running steps finish.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step's id.</param>
    /// <param name="request">The decision; <see cref="PlanDecisionRequest.Text"/> is the reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, forbidden, or conflict when the step is not held.</returns>
    public Task<PlanCommandResult> RejectStepAsync(string id, string stepId, PlanDecisionRequest request, CancellationToken cancellationToken = default) =>
        DecideStepAsync(id, stepId, PlanEvents.Rejected, DecisionKind.Reject, request, (version, r) => new RejectedEvent
        {
            Version = version,
            PlanHash = r.PlanHash,
            StepId = r.StepId,
            DecisionId = r.DecisionId,
            By = r.By,
            Reason = r.Text,
        }, cancellationToken);

    /// <summary>Cancels the plan at any phase; a running plan stops before its next step.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="reason">Why, if given.</param>
    /// <param name="by">Who, when known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict when the plan has already ended.</returns>
    public async Task<PlanCommandResult> CancelAsync(string id, string? reason, string? by, CancellationToken cancellationToken = default)
    {
        using var span = StartDecision(id, DecisionKind.Cancel, stepId: null);
        return Traced(span, await CancelPlanAsync(id, reason, by, cancellationToken));
    }

    private async Task<PlanCommandResult> CancelPlanAsync(string id, string? reason, string? by, CancellationToken cancellationToken)
    {
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return PlanCommandResult.NotFound(id);
        }

        if (view.Status.IsFinal() && view.RecoverableUntil is null)
        {
            return PlanCommandResult.Conflict($"The plan has already ended ({view.Status.ToWireName()}).", view);
        }

        if (ApprovalPolicy.Refusal(DecisionKind.Cancel, by, view.Approvers, view.RequestedBy, view.AllowSelfApproval) is { } refusal)
        {
            return new PlanCommandResult(PlanCommandStatus.Forbidden, refusal, view);
        }

        var cancel = new CancelEvent { By = by, Reason = reason };
        await client.RaiseEventAsync(id, PlanEvents.Cancel, cancel, cancellationToken);
        return PlanCommandResult.Accepted(Received(view, DecisionKind.Cancel, cancel, reason));
    }

    /// <summary>Deletes (purges) a plan that has ended.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, not found, or conflict while the plan has not ended.</returns>
    public async Task<PlanCommandResult> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return PlanCommandResult.NotFound(id);
        }

        if (!view.Status.IsFinal() || view.RecoverableUntil is not null)
        {
            var state = view.RecoverableUntil is null ? view.Status.ToWireName() : $"failed and recoverable until {view.RecoverableUntil:O}";
            return PlanCommandResult.Conflict($"The plan is {state}; cancel it and wait for it to end before deleting it.", view);
        }

        var purged = await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        if (details is not null)
        {
            // The details go with the plan; a purge that found nothing leaves nothing behind either.
            await details.DeleteAsync(id, cancellationToken);
        }

        return purged.PurgedInstanceCount > 0 ? PlanCommandResult.Accepted(view) : PlanCommandResult.NotFound(id);
    }

    private async Task<PlanCommandResult> DecideAsync(
        string id,
        string eventName,
        DecisionKind kind,
        PlanDecisionRequest request,
        Func<int, PlanDecisionRequest, PlanDecisionEvent> payload,
        CancellationToken cancellationToken)
    {
        using var span = StartDecision(id, kind, stepId: null);
        return Traced(span, await DecideOnPlanAsync(id, eventName, kind, request, payload, cancellationToken));
    }

    private async Task<PlanCommandResult> DecideStepAsync(
        string id,
        string stepId,
        string eventName,
        DecisionKind kind,
        PlanDecisionRequest request,
        Func<int, PlanDecisionRequest, PlanDecisionEvent> payload,
        CancellationToken cancellationToken)
    {
        using var span = StartDecision(id, kind, stepId);
        return Traced(span, await DecideOnStepAsync(id, stepId, eventName, kind, request, payload, cancellationToken));
    }

    /// <summary>The span of one decision sent to a plan: its kind, its step, and what the API answered.</summary>
    private static Activity? StartDecision(string id, DecisionKind kind, string? stepId)
    {
        var span = PlanTelemetry.StartPlanActivity("plan.decide", id, ActivityKind.Producer);
        span?.SetTag(PlanTelemetry.DecisionKindTag, PlanTelemetry.Wire(kind));
        if (stepId is not null)
        {
            span?.SetTag(PlanTelemetry.StepIdTag, stepId);
        }

        return span;
    }

    private static PlanCommandResult Traced(Activity? span, PlanCommandResult result)
    {
        if (span is not null)
        {
            span.SetTag(PlanTelemetry.DecisionOutcomeTag, PlanTelemetry.Wire(result.Status));
            if (result.Status != PlanCommandStatus.Accepted)
            {
                span.SetStatus(ActivityStatusCode.Error, result.Detail);
            }
        }

        return result;
    }

    private async Task<PlanCommandResult> DecideOnPlanAsync(
        string id,
        string eventName,
        DecisionKind kind,
        PlanDecisionRequest request,
        Func<int, PlanDecisionRequest, PlanDecisionEvent> payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return PlanCommandResult.NotFound(id);
        }

        if (Refusal(kind, view) is { } notNow)
        {
            return PlanCommandResult.Conflict(notNow, view);
        }

        if (request.Version is { } version && version != view.Version)
        {
            return PlanCommandResult.Conflict($"The decision is for version {version}, but the plan is at version {view.Version}.", view);
        }

        if (request.PlanHash is { } hash && view.PlanHash is { } current && !PlanHash.Same(hash, current))
        {
            return PlanCommandResult.Conflict($"The decision is for the plan hash {hash}, but the current version's is {current}.", view);
        }

        if (ApprovalPolicy.Refusal(kind, request.By, view.Approvers, view.RequestedBy, view.AllowSelfApproval) is { } refusal)
        {
            return new PlanCommandResult(PlanCommandStatus.Forbidden, refusal, view);
        }

        if (kind == DecisionKind.Modify && request.Plan is null && !plannerConfigured)
        {
            return new PlanCommandResult(PlanCommandStatus.Unavailable, PlannerAvailability.NotConfiguredMessage, view);
        }

        // Bind the decision to the version checked here, so it cannot apply to a version nobody saw.
        var decision = payload(view.Version, request with { PlanHash = request.PlanHash ?? view.PlanHash });
        await client.RaiseEventAsync(id, eventName, decision, cancellationToken);
        return PlanCommandResult.Accepted(Received(view, kind, decision, request.Text));
    }

    private async Task<PlanCommandResult> DecideOnStepAsync(
        string id,
        string stepId,
        string eventName,
        DecisionKind kind,
        PlanDecisionRequest request,
        Func<int, PlanDecisionRequest, PlanDecisionEvent> payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return PlanCommandResult.NotFound(id);
        }

        if (view.Outline is null && !view.Steps.Exists(step => step.Id == stepId))
        {
            return new PlanCommandResult(PlanCommandStatus.NotFound, $"The plan '{id}' has no step '{stepId}'.", view);
        }

        if (view.Checkpoints?.Find(c => c.StepId == stepId) is not { } checkpoint)
        {
            var step = view.Steps.Find(s => s.Id == stepId);
            var state = step is null ? string.Empty : $"step '{stepId}' is {step.Status.ToWireName()}";
            return PlanCommandResult.Conflict($"Step '{stepId}' is not waiting at a checkpoint (the plan is {view.Status.ToWireName()}{(state.Length > 0 ? ", " + state : string.Empty)}).", view);
        }

        if (request.Version is { } version && version != view.Version)
        {
            return PlanCommandResult.Conflict($"The decision is for version {version}, but the plan is at version {view.Version}.", view);
        }

        if (request.PlanHash is { } hash && view.PlanHash is { } current && !PlanHash.Same(hash, current))
        {
            return PlanCommandResult.Conflict($"The decision is for the plan hash {hash}, but the current version's is {current}.", view);
        }

        if (ApprovalPolicy.Refusal(kind, request.By, view.Approvers, view.RequestedBy, checkpoint.AllowSelfApproval) is { } refusal)
        {
            return new PlanCommandResult(PlanCommandStatus.Forbidden, refusal, view);
        }

        var decision = payload(view.Version, request with { StepId = stepId, PlanHash = request.PlanHash ?? view.PlanHash });
        await client.RaiseEventAsync(id, eventName, decision, cancellationToken);
        return PlanCommandResult.Accepted(Received(view, kind, decision, request.Text));
    }

    /// <summary>
    /// Why the plan's status does not take a decision of <paramref name="kind"/>: approvals while it awaits approval;
    /// retries while it is failed and recoverable; changes and rejections in either case.
    /// </summary>
    private static string? Refusal(DecisionKind kind, PlanView view)
    {
        var recoverable = view.Status == PlanStatus.Failed && view.RecoverableUntil is not null;
        var pending = view.Status == PlanStatus.PendingApproval;
        return kind switch
        {
            DecisionKind.Approve when !pending => $"The plan is {view.Status.ToWireName()}, not awaiting approval.",
            DecisionKind.Retry when !recoverable => view.Status == PlanStatus.Failed
                ? "The plan failed for good: its recovery window has closed."
                : $"The plan is {view.Status.ToWireName()}; only a failed plan can be retried.",
            DecisionKind.Modify or DecisionKind.Reject when !pending && !recoverable => $"The plan is {view.Status.ToWireName()}, not awaiting approval nor recoverable.",
            _ => null,
        };
    }

    /// <summary>The view with the decision just sent at its end, as received: the answer shows what was asked for.</summary>
    private PlanView Received(PlanView view, DecisionKind kind, PlanDecisionEvent decision, string? text)
    {
        view.Decisions.Add(new PlanDecision
        {
            Kind = kind,
            Outcome = DecisionOutcome.Received,
            Version = decision.Version,
            PlanVersion = view.Version,
            DecisionId = decision.DecisionId,
            PlanHash = decision.PlanHash,
            StepId = decision.StepId,
            By = decision.By,
            Comment = text,
            At = timeProvider.GetUtcNow(),
        });
        return view;
    }
}
