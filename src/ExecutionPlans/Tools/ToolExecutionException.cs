namespace ExecutionPlans.Tools;

/// <summary>A tool refused its parameters or could not finish its work.</summary>
/// <remarks>
/// A timeout is reported as this exception with a <see cref="TimeoutException"/> as its
/// <see cref="Exception.InnerException"/>; the caller's own cancellation is reported as an
/// <see cref="OperationCanceledException"/>, never as this exception.
/// </remarks>
public sealed class ToolExecutionException : ExecutionPlanException
{
    private readonly bool? transient;

    /// <summary>Creates the exception.</summary>
    public ToolExecutionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ToolExecutionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ToolExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the tool gave up because it ran out of time.</summary>
    public bool IsTimeout => InnerException is TimeoutException;

    /// <summary>
    /// Whether the failure may pass, so trying again may succeed: a timeout, a connection that failed, HTTP 408, 429
    /// or 5xx. Steps are tried again only after such failures.
    /// </summary>
    public bool IsTransient
    {
        get => transient ?? IsTimeout;
        init => transient = value;
    }

    /// <summary>How long the target asked to wait before trying again (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
