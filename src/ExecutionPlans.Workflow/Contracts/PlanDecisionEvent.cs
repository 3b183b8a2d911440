using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// The payload of a decision event as the app's own client raises it: one field name per meaning. Senders the app
/// does not control may send any shape (a bare <c>true</c>, <c>{}</c>, a string, <c>approver</c> for <c>by</c>);
/// the workflow reads every payload leniently.
/// </summary>
public abstract record PlanDecisionEvent
{
    /// <summary>The plan version decided on; a decision for another version is recorded as stale.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>The sender's id for the decision; a repeated id is applied once.</summary>
    [JsonPropertyName("decisionId")]
    public string? DecisionId { get; init; }

    /// <summary>Who decides.</summary>
    [JsonPropertyName("by")]
    public string? By { get; init; }

    /// <summary>The hash of the version decided on (<see cref="Model.PlanHash"/>); a decision for another hash is recorded as stale.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; init; }

    /// <summary>The step decided on, for a decision at a step's checkpoint; absent for a decision on the whole plan.</summary>
    [JsonPropertyName("stepId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; init; }
}
