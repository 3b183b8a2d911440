namespace ExecutionPlans.Workflow.Notifications;

/// <summary>A notification could not be delivered: the webhook or mail server failed, or links are not configured.</summary>
public sealed class NotificationException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public NotificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public NotificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NotificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
