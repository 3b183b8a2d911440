using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Client;

/// <summary>The result of a command on a plan.</summary>
/// <param name="Status">How the command ended.</param>
/// <param name="Detail">Why, when it was not accepted.</param>
/// <param name="View">The plan as it was when the command was checked, when there is one.</param>
public sealed record PlanCommandResult(PlanCommandStatus Status, string? Detail = null, PlanView? View = null)
{
    /// <summary>A command accepted for a plan.</summary>
    public static PlanCommandResult Accepted(PlanView view) => new(PlanCommandStatus.Accepted, null, view);

    /// <summary>No plan has the id.</summary>
    public static PlanCommandResult NotFound(string id) => new(PlanCommandStatus.NotFound, $"There is no plan with the id '{id}'.");

    /// <summary>The plan's state does not allow the command.</summary>
    public static PlanCommandResult Conflict(string detail, PlanView view) => new(PlanCommandStatus.Conflict, detail, view);
}
