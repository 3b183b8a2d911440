using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Client;

/// <summary>What awaits one approver's decision, most urgent first.</summary>
/// <param name="Approver">Whose decisions these are; null for an anonymous caller (then: what anyone may decide).</param>
/// <param name="Items">The decisions, by deadline.</param>
/// <param name="ContinuationToken">When more open plans remain to be read than one answer reads: pass it back for the rest.</param>
public sealed record PendingDecisions(
    [property: JsonPropertyName("approver")] string? Approver,
    [property: JsonPropertyName("items")] IReadOnlyList<PendingDecision> Items,
    [property: JsonPropertyName("continuationToken")] string? ContinuationToken);
