namespace ExecutionPlans.Workflow.Client;

/// <summary>How a command on a plan ended.</summary>
public enum PlanCommandStatus
{
    /// <summary>The command was accepted and sent to the workflow.</summary>
    Accepted,

    /// <summary>There is no plan with that id.</summary>
    NotFound,

    /// <summary>The plan is not in a state that allows the command (for example, not awaiting approval, or a stale version).</summary>
    Conflict,

    /// <summary>The caller may not do this to the plan.</summary>
    Forbidden,

    /// <summary>The command needs something the app does not have configured (a model, for feedback).</summary>
    Unavailable,
}
