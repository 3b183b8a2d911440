namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// The names of the external events the plan workflow listens for. They are a contract: raise-event
/// integrations (Teams, email, Logic Apps, Power Automate) send them by these names.
/// </summary>
public static class PlanEvents
{
    /// <summary>Approves the current version: <see cref="ApprovedEvent"/>, <c>{version?, decisionId?, by?, comment?}</c> (<c>approver</c> is read as <c>by</c>).</summary>
    public const string Approved = "Approved";

    /// <summary>Asks for changes: <see cref="ModifyEvent"/>, <c>{version?, decisionId?, by?, feedback?, plan?}</c>, or a plain string of feedback.</summary>
    public const string Modify = "Modify";

    /// <summary>Rejects the plan: <see cref="RejectedEvent"/>, <c>{version?, decisionId?, by?, reason?}</c>.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Stops the plan at any phase: <see cref="CancelEvent"/>, <c>{by?, reason?}</c>. A running plan stops before its next step.</summary>
    public const string Cancel = "Cancel";

    /// <summary>Run a failed plan's failed and skipped steps again, as they are (while it is recoverable).</summary>
    public const string Retry = "Retry";

    /// <summary>
    /// Skips a step waiting at its checkpoint: <see cref="SkipEvent"/>, <c>{stepId, version?, decisionId?, by?, reason?}</c>.
    /// The steps that depend on it are skipped too; the rest of the plan runs. (<see cref="Approved"/> and
    /// <see cref="Rejected"/> with a <c>stepId</c> run the step, or end the plan.)
    /// </summary>
    public const string Skip = "Skip";
}
