using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Details;

/// <summary>
/// Where a plan's details live beside its orchestration: each version's steps and each step's full result. The
/// orchestration's custom status is capped at 16 KB, so a large plan is published there in short; the plan service
/// fills the view in from here. Written only by activities, read only by the client side.
/// </summary>
public interface IPlanDetailStore
{
    /// <summary>Saves a version of a plan (its description, steps and revisions), replacing one saved before.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="version">The version; its <see cref="ExecutionPlan.Version"/> says which.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the version is saved.</returns>
    Task SaveVersionAsync(string planId, ExecutionPlan version, CancellationToken cancellationToken = default);

    /// <summary>Saves what a step's run produced, replacing an earlier run's.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="record">The step's result.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is saved.</returns>
    Task SaveStepAsync(string planId, StepRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads everything saved about a plan.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The details; empty when nothing was saved.</returns>
    Task<PlanDetails> ReadAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>Deletes everything saved about a plan, when it is purged.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the details are gone.</returns>
    Task DeleteAsync(string planId, CancellationToken cancellationToken = default);
}
