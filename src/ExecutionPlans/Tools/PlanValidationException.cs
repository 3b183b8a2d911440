namespace ExecutionPlans.Tools;

/// <summary>A plan was refused because it is not valid for the tool catalog.</summary>
public sealed class PlanValidationException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public PlanValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PlanValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PlanValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from validation errors.</summary>
    /// <param name="errors">Every reason the plan is not valid.</param>
    public PlanValidationException(IReadOnlyList<PlanValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every reason the plan is not valid.</summary>
    public IReadOnlyList<PlanValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<PlanValidationError> errors) =>
        errors.Count == 0
            ? "The plan is not valid."
            : "The plan is not valid: " + string.Join("; ", errors);
}
