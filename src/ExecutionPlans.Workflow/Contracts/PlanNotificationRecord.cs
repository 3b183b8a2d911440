using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>One notification the workflow sent, or failed to send, through one channel.</summary>
public sealed class PlanNotificationRecord
{
    /// <summary>The channel (<c>teams</c>, <c>email</c>).</summary>
    [JsonPropertyName("channel")]
    public string Channel { get; set; } = string.Empty;

    /// <summary>What the notification said.</summary>
    [JsonPropertyName("kind")]
    public NotificationKind Kind { get; set; }

    /// <summary>The plan version it was about.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>The step a checkpoint notification was about.</summary>
    [JsonPropertyName("stepId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepId { get; set; }

    /// <summary>Whether it was delivered.</summary>
    [JsonPropertyName("delivered")]
    public bool Delivered { get; set; }

    /// <summary>To whom it went, or why it failed after its retries.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>When the workflow recorded it.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; set; }
}
