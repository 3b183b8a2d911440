namespace ExecutionPlans;

/// <summary>No plan has the given task id.</summary>
public sealed class PlanNotFoundException : ExecutionPlanException
{
    /// <summary>Creates the exception.</summary>
    public PlanNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PlanNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PlanNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The task id that was looked for, when known.</summary>
    public string? TaskId { get; init; }

    /// <summary>Creates the exception for a task id.</summary>
    /// <param name="taskId">The task id no plan has.</param>
    /// <returns>The exception, with a message naming the task id.</returns>
    public static PlanNotFoundException ForTask(string taskId) =>
        new($"No plan has the task id '{taskId}'.") { TaskId = taskId };
}
