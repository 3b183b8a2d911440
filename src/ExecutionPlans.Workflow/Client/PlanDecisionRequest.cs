namespace ExecutionPlans.Workflow.Client;

/// <summary>A decision on a plan awaiting approval, as a client sends it.</summary>
public sealed record PlanDecisionRequest
{
    /// <summary>The version decided on; when omitted, the version current when the request is checked.</summary>
    public int? Version { get; init; }

    /// <summary>The hash of the version decided on; when given and not the current version's, the decision is refused as stale.</summary>
    public string? PlanHash { get; init; }

    /// <summary>The step decided on, for a decision at a step's checkpoint.</summary>
    public string? StepId { get; init; }

    /// <summary>The caller's id for the decision; a repeated id is applied once.</summary>
    public string? DecisionId { get; init; }

    /// <summary>The comment (approve), feedback (modify) or reason (reject, cancel).</summary>
    public string? Text { get; init; }

    /// <summary>A replacement plan (modify only).</summary>
    public Model.ExecutionPlan? Plan { get; init; }

    /// <summary>Who decides, when known.</summary>
    public string? By { get; init; }
}
