namespace ExecutionPlans.Agents;

/// <summary>How an <see cref="ExecutionPlanAgent"/> treats new plans.</summary>
public sealed class ExecutionPlanAgentOptions
{
    /// <summary>
    /// Whether a person must approve a plan before it runs (default <see langword="true"/>). When
    /// <see langword="false"/>, a generated plan runs at once.
    /// </summary>
    public bool RequirePlanApproval { get; set; } = true;
}
