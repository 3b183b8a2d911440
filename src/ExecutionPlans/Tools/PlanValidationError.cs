namespace ExecutionPlans.Tools;

/// <summary>One reason a plan is not valid for a tool catalog.</summary>
/// <param name="Code">A stable, machine-readable code; see <see cref="PlanValidationCodes"/>.</param>
/// <param name="Message">What is wrong, in words a person (or a model repairing the plan) can act on.</param>
/// <param name="StepId">The step at fault, if the error concerns one step.</param>
/// <param name="Path">Where in the step's parameters the error is, as a JSON Pointer, if it concerns one value.</param>
public sealed record PlanValidationError(string Code, string Message, string? StepId = null, string? Path = null)
{
    /// <inheritdoc />
    public override string ToString() => StepId is null ? Message : $"Step '{StepId}': {Message}";
}
