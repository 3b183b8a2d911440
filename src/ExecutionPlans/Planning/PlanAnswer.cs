using ExecutionPlans.Model;

namespace ExecutionPlans.Planning;

/// <summary>A model's answer read as a plan: either its description and steps, or why it could not be read.</summary>
/// <param name="Description">The plan's description.</param>
/// <param name="Steps">The plan's steps, all pending.</param>
/// <param name="ParseError">Why the answer could not be read; <see langword="null"/> when it could.</param>
internal sealed record PlanAnswer(string Description, IReadOnlyList<ExecutionStep> Steps, string? ParseError)
{
    public static PlanAnswer Unreadable(string error) => new(string.Empty, [], error);
}
