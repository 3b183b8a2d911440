using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>
/// What a signed approval link lets its holder do: decide once on one version of one plan, or on one step of it held
/// at its checkpoint, until it expires. Links signed before plans had hashes and checkpoints carry neither and still
/// check out.
/// </summary>
/// <param name="PlanId">The plan.</param>
/// <param name="Version">The plan version the link is for; a newer version makes the link stale.</param>
/// <param name="Approver">Who the link was issued to; decisions made with it are recorded as theirs.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="Nonce">Makes each link unique; a decision made with the link carries it as its decision id.</param>
public sealed record ApprovalLink(
    [property: JsonPropertyName("p")] string PlanId,
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("a")] string Approver,
    [property: JsonPropertyName("e")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("n")] string Nonce)
{
    /// <summary>The hash of the version the link was issued for; a decision made with it is stale unless it is still the plan's.</summary>
    [JsonPropertyName("h")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; init; }

    /// <summary>The step the link decides on at its checkpoint (approve, skip or reject it); null for a link that decides on the plan.</summary>
    [JsonPropertyName("s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; init; }

    /// <summary>The decision id of a decision made with this link, so the link decides at most once.</summary>
    [JsonIgnore]
    public string DecisionId => $"link:{Nonce}";
}
