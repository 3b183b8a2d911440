using System.Text.Json.Serialization;

namespace ExecutionPlans.Http.Mcp;

/// <summary>What <c>propose_plan</c> answers.</summary>
/// <param name="PlanId">The plan's id, for <c>get_plan</c> and <c>wait_for_plan</c>.</param>
/// <param name="Status">Its status: <c>draft</c> while the model plans, then <c>pending_approval</c>.</param>
/// <param name="Version">Its version.</param>
/// <param name="Risk">What it can do, once assessed: <c>read</c>, <c>write</c> or <c>destructive</c>.</param>
/// <param name="Approvers">Who may approve it; empty: anyone who may call the API.</param>
/// <param name="PlanUrl">The plan in the API.</param>
/// <param name="ReviewUrl">Its review page, signed for the caller; null when the app signs no links.</param>
public sealed record ProposedPlan(
    [property: JsonPropertyName("planId")] string PlanId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("risk")] string? Risk,
    [property: JsonPropertyName("approvers")] IReadOnlyList<string> Approvers,
    [property: JsonPropertyName("planUrl")] string PlanUrl,
    [property: JsonPropertyName("reviewUrl")] string? ReviewUrl);
