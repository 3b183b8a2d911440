using System.Text.Json.Serialization;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Client;

/// <summary>One page of plans.</summary>
/// <param name="Items">The plans on this page.</param>
/// <param name="ContinuationToken">Pass it back to get the next page; null on the last page.</param>
public sealed record PlanPage(
    [property: JsonPropertyName("items")] IReadOnlyList<PlanView> Items,
    [property: JsonPropertyName("continuationToken")] string? ContinuationToken);
