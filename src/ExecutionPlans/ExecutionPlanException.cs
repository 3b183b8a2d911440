namespace ExecutionPlans;

/// <summary>The base of the errors this library raises for plans that cannot be made, changed or run.</summary>
public class ExecutionPlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExecutionPlanException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ExecutionPlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ExecutionPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
