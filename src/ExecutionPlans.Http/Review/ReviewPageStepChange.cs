using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Review;

/// <summary>How one step, matched by id, differs between the previous and the current version.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="StepId">The step's id.</param>
/// <param name="Step">The step as it is now, or as it was when removed.</param>
/// <param name="Fields">The fields that changed (changed steps only).</param>
/// <param name="OldPosition">The step's 1-based position in the previous version, when it was there.</param>
/// <param name="NewPosition">The step's 1-based position in the current version, when it is there.</param>
/// <param name="Moved">Whether the step changed places relative to the steps kept in both versions.</param>
internal sealed record ReviewPageStepChange(
    ReviewPageChangeKind Kind,
    string StepId,
    ExecutionStep Step,
    IReadOnlyList<ReviewPageFieldChange> Fields,
    int? OldPosition,
    int? NewPosition,
    bool Moved);
