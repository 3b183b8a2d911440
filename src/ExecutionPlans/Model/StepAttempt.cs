using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>One attempt at running a step.</summary>
public sealed class StepAttempt
{
    /// <summary>The attempt's number, from 1.</summary>
    [JsonPropertyName("number")]
    public int Number { get; set; }

    /// <summary>When it started.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    [JsonPropertyName("endedAt")]
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>Why it failed; null when it succeeded.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    /// <summary>Whether the failure may pass, so the step was (or would have been) tried again.</summary>
    [JsonPropertyName("transient")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Transient { get; set; }

    /// <summary>Creates a copy of the attempt.</summary>
    /// <returns>The copy.</returns>
    public StepAttempt Clone() => (StepAttempt)MemberwiseClone();
}
