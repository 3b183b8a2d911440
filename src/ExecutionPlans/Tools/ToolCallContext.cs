namespace ExecutionPlans.Tools;

/// <summary>Which plan, step and attempt a tool call is for.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="StepId">The step's id.</param>
/// <param name="Attempt">The attempt, from 1.</param>
public sealed record ToolCallContext(string PlanId, string StepId, int Attempt)
{
    /// <summary>
    /// A key that names the step, the same on every attempt and after a restart: <c>&lt;plan id&gt;.&lt;step id&gt;</c>,
    /// so a target can recognise a step it has already carried out.
    /// </summary>
    public string IdempotencyKey => $"{PlanId}.{StepId}";
}
