using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>One step of the plan a notification is about.</summary>
public sealed record NotificationStep
{
    /// <summary>The most characters of a step's output a notification carries.</summary>
    public const int MaxOutputChars = 500;

    /// <summary>The step's id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The tool the step calls.</summary>
    [JsonPropertyName("toolName")]
    public string ToolName { get; init; } = string.Empty;

    /// <summary>What the step does.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>The step's free-text input.</summary>
    [JsonPropertyName("input")]
    public string Input { get; init; } = string.Empty;

    /// <summary>The arguments the tool receives.</summary>
    [JsonPropertyName("parameters")]
    public JsonObject Parameters { get; init; } = [];

    /// <summary>The step's status (for follow-ups).</summary>
    [JsonPropertyName("status")]
    public StepStatus Status { get; init; } = StepStatus.Pending;

    /// <summary>The start of what the tool returned (for follow-ups), at most <see cref="MaxOutputChars"/> characters.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Why the step failed or was skipped (for follow-ups).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Copies what a notification needs of a step; a long output is cut to <see cref="MaxOutputChars"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The notification's step.</returns>
    public static NotificationStep FromStep(ExecutionStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new()
        {
            Id = step.Id,
            ToolName = step.ToolName,
            Description = step.Description,
            Input = step.Input,
            Parameters = (JsonObject)step.Parameters.DeepClone(),
            Status = step.Status,
            Output = step.Output is { Length: > MaxOutputChars } output ? output[..MaxOutputChars] : step.Output,
            Error = step.Error,
        };
    }
}
