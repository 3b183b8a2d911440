using System.Text.Json;
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

    /// <summary>The arguments the tool receives, references to earlier outputs (<c>{{steps.s1.output}}</c>) included.</summary>
    [JsonPropertyName("parameters")]
    public JsonObject Parameters { get; init; } = [];

    /// <summary>
    /// The ids of the steps this one runs after, as on <see cref="ExecutionStep.DependsOn"/>: absent (null), the step
    /// before it plus every step its parameters reference; empty, none.
    /// </summary>
    [JsonPropertyName("dependsOn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? DependsOn { get; init; }

    /// <summary>
    /// The parameters the tool received, references filled in (for follow-ups, when the step ran); each text in them
    /// cut to <see cref="MaxOutputChars"/> characters.
    /// </summary>
    [JsonPropertyName("resolvedParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? ResolvedParameters { get; init; }

    /// <summary>What the step can do, once the version was assessed.</summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; init; }

    /// <summary>Whether the step asks to be confirmed at a checkpoint before it runs (the policy may ask for one by risk too).</summary>
    [JsonPropertyName("checkpoint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Checkpoint { get; init; }

    /// <summary>The step's status (for follow-ups).</summary>
    [JsonPropertyName("status")]
    public StepStatus Status { get; init; } = StepStatus.Pending;

    /// <summary>The start of what the tool returned (for follow-ups), at most <see cref="MaxOutputChars"/> characters.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Why the step failed or was skipped (for follow-ups).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>
    /// Copies what a notification needs of a step; a long output, and each long text of the resolved parameters, is
    /// cut to <see cref="MaxOutputChars"/>.
    /// </summary>
    /// <param name="step">The step.</param>
    /// <param name="followUp">Whether the notification tells how the plan ended, so it carries the resolved parameters.</param>
    /// <returns>The notification's step.</returns>
    public static NotificationStep FromStep(ExecutionStep step, bool followUp = false)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new()
        {
            Id = step.Id,
            ToolName = step.ToolName,
            Description = step.Description,
            Input = step.Input,
            Parameters = (JsonObject)step.Parameters.DeepClone(),
            DependsOn = step.DependsOn is null ? null : [.. step.DependsOn],
            ResolvedParameters = followUp && step.ResolvedParameters is { } resolved ? (JsonObject)Shortened(resolved)! : null,
            Risk = step.Risk,
            Checkpoint = step.Checkpoint,
            Status = step.Status,
            Output = Shortened(step.Output),
            Error = step.Error,
        };
    }

    private static string? Shortened(string? text) => text is { Length: > MaxOutputChars } ? text[..MaxOutputChars] : text;

    // Resolved values can hold whole outputs of earlier steps; the notification travels as an activity's input.
    private static JsonNode? Shortened(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Shortened(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Shortened)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Shortened(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };
}
