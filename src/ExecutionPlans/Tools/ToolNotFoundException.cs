namespace ExecutionPlans.Tools;

/// <summary>A step named a tool the catalog does not have.</summary>
public sealed class ToolNotFoundException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public ToolNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ToolNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ToolNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
