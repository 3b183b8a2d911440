using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>One entry in a plan's revision history.</summary>
public sealed class PlanRevision
{
    /// <summary>The plan version this revision produced.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>How the version came to be.</summary>
    [JsonPropertyName("action")]
    public RevisionAction Action { get; set; }

    /// <summary>Who caused the revision, when known.</summary>
    [JsonPropertyName("by")]
    public string? By { get; set; }

    /// <summary>When the revision was made.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; set; }

    /// <summary>The request (for a generated plan) or the reviewer's feedback (for a modified plan).</summary>
    [JsonPropertyName("feedback")]
    public string? Feedback { get; set; }

    /// <summary>Creates a copy of the revision.</summary>
    /// <returns>An equal revision.</returns>
    public PlanRevision Clone() => (PlanRevision)MemberwiseClone();
}
