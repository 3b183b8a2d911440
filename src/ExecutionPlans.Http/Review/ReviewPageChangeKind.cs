namespace ExecutionPlans.Http.Review;

/// <summary>How a step differs between two versions of a plan.</summary>
internal enum ReviewPageChangeKind
{
    /// <summary>The step is new in this version.</summary>
    Added,

    /// <summary>The step was in the previous version and is gone.</summary>
    Removed,

    /// <summary>The step is in both versions, with fields changed, a new position, or both.</summary>
    Changed,
}
