using ExecutionPlans.Model;

namespace ExecutionPlans;

/// <summary>
/// A plan cannot be approved, changed, rejected or run in its current state: for example it is not
/// approved, already finished, already running, or no longer waiting for approval.
/// </summary>
public sealed class PlanStateException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public PlanStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PlanStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PlanStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The task id of the plan, when known.</summary>
    public string? TaskId { get; init; }

    /// <summary>The plan's status when the operation was refused, when known.</summary>
    public PlanStatus? Status { get; init; }
}
