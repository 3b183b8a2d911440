using System.Globalization;
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

    /// <summary>The progress as pages and notifications show it: <c>1 of 2: alice</c>; <c>not needed (runs by policy)</c> when none is required.</summary>
    [JsonIgnore]
    public string Progress => Required == 0
        ? "not needed (runs by policy)"
        : Received.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"0 of {Required}")
            : string.Create(CultureInfo.InvariantCulture, $"{Received.Count} of {Required}: {string.Join(", ", Received)}");

    /// <summary>Creates a copy.</summary>
    /// <returns>The copy.</returns>
    public PlanApprovals Clone() => new() { Required = Required, Received = [.. Received] };
}
