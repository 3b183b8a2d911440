namespace ExecutionPlans.Http.Review;

/// <summary>One field of a step that differs between two versions.</summary>
/// <param name="Field">The field: <c>tool</c>, <c>description</c>, <c>input</c> or <c>parameters.NAME</c>.</param>
/// <param name="Old">The previous value; null when the field was absent (a parameter added).</param>
/// <param name="New">The current value; null when the field is absent (a parameter removed).</param>
internal sealed record ReviewPageFieldChange(string Field, string? Old, string? New);
