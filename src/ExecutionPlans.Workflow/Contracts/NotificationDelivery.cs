using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>What a channel sent for one notification.</summary>
public sealed record NotificationDelivery
{
    /// <summary>The channel's name (<c>teams</c>, <c>email</c>).</summary>
    [JsonPropertyName("channel")]
    public string Channel { get; init; } = string.Empty;

    /// <summary>How many messages were delivered: 1 for a Teams card, one per recipient for email, 0 when there was no one to write to.</summary>
    [JsonPropertyName("sent")]
    public int Sent { get; init; }

    /// <summary>Who the messages went to: email addresses, or the Teams webhook's host.</summary>
    [JsonPropertyName("recipients")]
    public List<string> Recipients { get; init; } = [];

    /// <summary>The approvers no message went to, because the channel cannot reach them (for email: not an email address).</summary>
    [JsonPropertyName("skipped")]
    public List<string> Skipped { get; init; } = [];

    /// <summary>What happened, in a sentence.</summary>
    [JsonPropertyName("detail")]
    public string Detail { get; init; } = string.Empty;
}
