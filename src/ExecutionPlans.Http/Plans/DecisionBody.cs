using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Plans;

/// <summary>
/// The body of the decision routes (<c>approve</c>, <c>modify</c>, <c>reject</c>, <c>cancel</c>). Each route
/// reads the fields the contract gives it and refuses the others.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class DecisionBody
{
    /// <summary>The version decided on.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; set; }

    /// <summary>The caller's id for the decision; a repeated id is applied once.</summary>
    [JsonPropertyName("decisionId")]
    public string? DecisionId { get; set; }

    /// <summary>A comment on an approval.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>What to change (modify).</summary>
    [JsonPropertyName("feedback")]
    public string? Feedback { get; set; }

    /// <summary>A replacement plan (modify).</summary>
    [JsonPropertyName("plan")]
    public ExecutionPlan? Plan { get; set; }

    /// <summary>The hash of the version decided on (<c>planHash</c> of its view); another version's makes the decision stale (409).</summary>
    [JsonPropertyName("planHash")]
    public string? PlanHash { get; set; }

    /// <summary>Why (reject, cancel).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
