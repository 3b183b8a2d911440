using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
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
                view.Error = metadata.FailureDetails?.ErrorMessage ?? "The workflow failed.";
                break;
            case OrchestrationRuntimeStatus.Terminated when !view.Status.IsFinal():
                view.Status = PlanStatus.Cancelled;
                view.Error ??= "The workflow was terminated.";
                break;
        }

        return view;
    }

    private static PlanView InitialView(string id, PlanOrchestrationInput input, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
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
