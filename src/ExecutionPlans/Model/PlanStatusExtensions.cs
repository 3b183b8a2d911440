namespace ExecutionPlans.Model;

/// <summary>Helpers for <see cref="PlanStatus"/> and <see cref="StepStatus"/>.</summary>
public static class PlanStatusExtensions
{
    /// <summary>Whether the status is final: nothing more will happen to the plan.</summary>
    /// <param name="status">The status to test.</param>
    /// <returns><see langword="true"/> for completed, failed and cancelled.</returns>
    public static bool IsFinal(this PlanStatus status) =>
        status is PlanStatus.Completed or PlanStatus.Failed or PlanStatus.Cancelled;

    /// <summary>The status as it appears in JSON and in formatted plans, for example <c>pending_approval</c>.</summary>
    /// <param name="status">The status to name.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToWireName(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "draft",
        PlanStatus.PendingApproval => "pending_approval",
        PlanStatus.Approved => "approved",
        PlanStatus.Executing => "executing",
        PlanStatus.Cancelling => "cancelling",
        PlanStatus.Completed => "completed",
        PlanStatus.Failed => "failed",
        PlanStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown plan status."),
    };

    /// <summary>The step status as it appears in JSON, for example <c>awaiting_approval</c>.</summary>
    /// <param name="status">The status to name.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToWireName(this StepStatus status) => status switch
    {
        StepStatus.Pending => "pending",
        StepStatus.AwaitingApproval => "awaiting_approval",
        StepStatus.Running => "running",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown step status."),
    };
}
