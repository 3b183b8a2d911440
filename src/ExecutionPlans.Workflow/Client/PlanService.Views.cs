using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Details;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.Client;

/// <summary>Turning orchestration metadata into plan views.</summary>
public sealed partial class PlanService
{
    private static PlanView ToView(OrchestrationMetadata metadata)
    {
        var created = metadata.CreatedAt;
        var view = (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<PlanView>() : null)
            ?? metadata.ReadCustomStatusAs<PlanView>()
            ?? InitialView(metadata.InstanceId, metadata.ReadInputAs<PlanOrchestrationInput>() ?? new(), created, metadata.LastUpdatedAt);

        // The workflow ends plans itself; these runtime statuses mean it was stopped from outside or crashed.
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed when !view.Status.IsFinal():
                view.Status = PlanStatus.Failed;
                view.Error = metadata.FailureDetails?.ErrorMessage ?? FailureMessage(metadata.SerializedOutput) ?? "The workflow failed.";
                break;
            case OrchestrationRuntimeStatus.Terminated when !view.Status.IsFinal():
                view.Status = PlanStatus.Cancelled;
                view.Error ??= "The workflow was terminated.";
                break;
        }

        return view;
    }

    /// <summary>
    /// The message of a failure some backends (Azure Storage) keep only as text in the output, "type: message"; null
    /// when the output is not such a text.
    /// </summary>
    private static string? FailureMessage(string? output)
    {
        if (string.IsNullOrWhiteSpace(output) || output[0] is '{' or '[' or '"')
        {
            return null;
        }

        var separator = output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !output.AsSpan(0, separator).ContainsAny(" \n") ? output[(separator + 2)..] : output;
    }

    /// <summary>
    /// Fills in a view the workflow had to shorten for its custom status: the steps from the saved version (or, for
    /// the first version of a given plan, the workflow's input), each step's whole result from its saved record.
    /// </summary>
    private async Task<PlanView> CompleteAsync(PlanView view, OrchestrationMetadata metadata, CancellationToken cancellationToken)
    {
        if (!view.Truncated || details is null)
        {
            return view;
        }

        var saved = await details.ReadAsync(view.Id, cancellationToken);
        // A given plan's first version, and the plan a continued execution took up, are in the workflow's input.
        var input = metadata.ReadInputAs<PlanOrchestrationInput>();
        var version = saved.Versions.GetValueOrDefault(view.Version)
            ?? (input?.Continuation?.Plan is { } continued && continued.Version == view.Version ? continued : null)
            ?? (view.Version == 1 ? input?.Plan : null);
        var complete = view.Outline is { } outline ? ExpandOutline(view, outline, version) : FillDefinitions(view, version);
        foreach (var step in view.Steps)
        {
            FillResult(step, saved.Steps.GetValueOrDefault(step.Id));
            complete &= !PlanViewBudget.IsCut(step.Output) && !PlanViewBudget.IsCut(step.Error) && !(step.Status == StepStatus.Succeeded && step.Output is null);
        }

        if (view.PreviousVersion is null && view.Version > 1 && saved.Versions.TryGetValue(view.Version - 1, out var previous))
        {
            view.PreviousVersion = PlanVersionSnapshot.Of(previous);
        }

        view.Truncated = !complete || view.Decisions.Count < view.DecisionCounts.Values.Sum() || view.PreviousVersion is null && view.Version > 1;
        return view;
    }

    /// <summary>Turns an outline back into steps; returns whether the version was there to do it with.</summary>
    private static bool ExpandOutline(PlanView view, PlanOutline outline, ExecutionPlan? version)
    {
        view.Outline = null;
        view.Steps = [.. outline.Progress.Select((code, index) =>
        {
            var step = version is not null && index < version.Steps.Count
                ? version.Steps[index].Clone()
                : new ExecutionStep { Id = $"#{index + 1}" };
            step.Status = PlanOutline.StatusOf(code);
            step.ResolvedParameters = null;
            step.Output = null;
            step.OutputTruncated = false;
            step.Error = step.Status switch
            {
                StepStatus.Failed => outline.Errors.GetValueOrDefault(index),
                StepStatus.Skipped => outline.SkipReason,
                _ => null,
            };
            return step;
        })];
        if (version is not null)
        {
            view.Description = version.Description;
            if (version.Revisions.Count >= view.Revisions.Count)
            {
                view.Revisions = version.Revisions;
            }
        }

        return version is not null && version.Steps.Count == view.Steps.Count;
    }

    /// <summary>Puts back the texts and parameters a shortened view cut; returns whether the version was there.</summary>
    private static bool FillDefinitions(PlanView view, ExecutionPlan? version)
    {
        if (version is null || version.Steps.Count != view.Steps.Count)
        {
            return false;
        }

        view.Description = version.Description;
        if (version.Revisions.Count >= view.Revisions.Count)
        {
            view.Revisions = version.Revisions;
        }

        for (var index = 0; index < view.Steps.Count; index++)
        {
            var (step, saved) = (view.Steps[index], version.Steps[index]);
            step.Description = saved.Description;
            step.Input = saved.Input;
            step.Parameters = saved.Parameters;
        }

        return true;
    }

    /// <summary>Puts back a finished step's whole result, from the record of the run that finished it.</summary>
    private static void FillResult(ExecutionStep step, StepRecord? record)
    {
        if (record is not null && step.Status is StepStatus.Succeeded or StepStatus.Failed && record.Succeeded == (step.Status == StepStatus.Succeeded))
        {
            step.ResolvedParameters = record.ResolvedParameters;
            step.Output = record.Output;
            step.OutputTruncated = record.OutputTruncated;
            step.Error = record.Error ?? step.Error;
        }
    }

    private static PlanView InitialView(string id, PlanOrchestrationInput input, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        if (input.Continuation is { } continuation)
        {
            // A new execution that has not published yet: the plan as the last one handed it over.
            var continued = PlanView.FromPlan(continuation.Plan);
            continued.Decisions = continuation.Decisions;
            continued.Notifications = continuation.Notifications;
            continued.PreviousVersion = continuation.PreviousVersion;
            continued.RequireApproval = input.RequireApproval;
            continued.Approvers = [.. input.Approvers];
            continued.RequestedBy = input.RequestedBy;
            continued.AllowSelfApproval = input.AllowSelfApproval;
            return continued;
        }

        var view = input.Plan is { } plan ? PlanView.FromPlan(plan) : new PlanView { Description = input.Input ?? string.Empty };
        view.Id = id;
        view.Status = PlanStatus.Draft;
        view.Version = 1;
        view.UserApproved = false;
        view.CreatedAt = input.SubmittedAt ?? createdAt;
        view.UpdatedAt = updatedAt > view.CreatedAt ? updatedAt : view.CreatedAt;
        view.Revisions = input.Plan is null
            ? []
            : [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = input.RequestedBy, At = view.CreatedAt }];
        view.Error = null;
        view.RequireApproval = input.RequireApproval;
        view.Approvers = [.. input.Approvers];
        view.RequestedBy = input.RequestedBy;
        view.AllowSelfApproval = input.AllowSelfApproval;
        foreach (var step in view.Steps)
        {
            step.Status = StepStatus.Pending;
            step.Output = null;
            step.Error = null;
        }

        return view;
    }
}
