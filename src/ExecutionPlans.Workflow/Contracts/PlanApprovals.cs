using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>The quorum of a plan version: how many distinct approvers must approve it, and who has.</summary>
public sealed class PlanApprovals
{
    /// <summary>How many distinct approvals the version needs (its risk's <c>requiredApprovals</c>); 0: it ran by policy.</summary>
    [JsonPropertyName("required")]
    public int Required { get; set; }

    /// <summary>Who has approved this version, in order.</summary>
    [JsonPropertyName("received")]
    public List<string> Received { get; set; } = [];

    /// <summary>Creates a copy.</summary>
    /// <returns>The copy.</returns>
    public PlanApprovals Clone() => new() { Required = Required, Received = [.. Received] };
}
