using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>One decision the workflow received, and what it did with it.</summary>
public sealed class PlanDecision
{
    /// <summary>What the decision asked for.</summary>
    [JsonPropertyName("kind")]
    public DecisionKind Kind { get; set; }

    /// <summary>What the workflow did with it.</summary>
    [JsonPropertyName("outcome")]
    public DecisionOutcome Outcome { get; set; }

    /// <summary>The plan version the decision named, if it named one.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; set; }

    /// <summary>The plan version current when the decision arrived.</summary>
    [JsonPropertyName("planVersion")]
    public int PlanVersion { get; set; }

    /// <summary>The caller's id for the decision, used to apply a repeated decision once.</summary>
    [JsonPropertyName("decisionId")]
    public string? DecisionId { get; set; }

    /// <summary>The hash of the version the decision named, if it named one.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; set; }

    /// <summary>The step a checkpoint decision is for; absent for decisions on the whole plan.</summary>
    [JsonPropertyName("stepId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; set; }

    /// <summary>Who decided, when known.</summary>
    [JsonPropertyName("by")]
    public string? By { get; set; }

    /// <summary>The comment, feedback or reason given with the decision.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>Why the outcome is what it is, when it is not <see cref="DecisionOutcome.Applied"/>.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>When the workflow received the decision.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; set; }

    /// <summary>Creates a copy of the decision.</summary>
    /// <returns>The copy.</returns>
    public PlanDecision Clone() => (PlanDecision)MemberwiseClone();
}
