using ExecutionPlans.Tools;

namespace ExecutionPlans.Planning;

/// <summary>
/// The model did not produce a usable plan, even after being asked once to correct its answer,
/// or no plan can be asked for because the tool catalog is empty.
/// </summary>
public sealed class PlanGenerationException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public PlanGenerationException()
        : this("The model did not produce a valid plan.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PlanGenerationException(string message)
        : base(message)
    {
        ValidationErrors = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PlanGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ValidationErrors = [];
    }

    /// <summary>Creates the exception for a model answer that is not a valid plan.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="validationErrors">Why the plan in the last answer is not valid for the tool catalog.</param>
    /// <param name="parseError">Why the last answer could not be read as a plan, if it could not.</param>
    /// <param name="lastAnswer">The model's last answer, as it was received.</param>
    public PlanGenerationException(
        string message,
        IReadOnlyList<PlanValidationError> validationErrors,
        string? parseError,
        string? lastAnswer)
        : base(message)
    {
        ValidationErrors = validationErrors ?? [];
        ParseError = parseError;
        LastAnswer = lastAnswer;
    }

    /// <summary>Why the plan in the model's last answer is not valid; empty when it could not be read at all.</summary>
    public IReadOnlyList<PlanValidationError> ValidationErrors { get; }

    /// <summary>Why the model's last answer could not be read as a plan; <see langword="null"/> when it could.</summary>
    public string? ParseError { get; }

    /// <summary>The model's last answer, as it was received; <see langword="null"/> when the model was not asked.</summary>
    public string? LastAnswer { get; }
}
