namespace ExecutionPlans.Durable.Workflow;

/// <summary>
/// The names of the external events the plan workflow listens for. They are a contract: raise-event
/// integrations (Teams, email, Logic Apps, Power Automate) send them by these names.
/// </summary>
public static class PlanEvents
{
    /// <summary>Approves the current version: <c>{version?, decisionId?, approver?, comment?}</c>.</summary>
    public const string Approved = "Approved";

    /// <summary>Asks for changes: <c>{version?, feedback?, plan?, decisionId?, by?}</c>, or a plain string of feedback.</summary>
    public const string Modify = "Modify";

    /// <summary>Rejects the plan: <c>{version?, reason?, by?}</c>.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Stops the plan at any phase: <c>{reason?, by?}</c>. A running plan stops before its next step.</summary>
    public const string Cancel = "Cancel";
}
