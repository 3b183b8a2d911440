using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>One tool call in an <see cref="ExecutionPlan"/>.</summary>
public sealed class ExecutionStep
{
    /// <summary>The step's id, unique within its plan (for example <c>s1</c>).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>The name of the tool the step calls.</summary>
    [JsonPropertyName("toolName")]
    public string ToolName { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>What the step does, in words a reviewer understands.</summary>
    [JsonPropertyName("description")]
    public string Description { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Free-text input for the step, shown to reviewers; the tool receives <see cref="Parameters"/>.</summary>
    [JsonPropertyName("input")]
    public string Input { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>The arguments passed to the tool, as a JSON object matching the tool's parameter schema.</summary>
    [JsonPropertyName("parameters")]
    public JsonObject Parameters { get; set => field = value ?? []; } = [];

    /// <summary>
    /// The ids of the steps this one runs after. Absent (null): the step before it, so a plan written as a list runs
    /// in order; empty: none, the step may start at once. A parameter that references a step's output implies the
    /// dependency when this is absent.
    /// </summary>
    [JsonPropertyName("dependsOn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? DependsOn { get; set; }

    /// <summary>How often the step is tried when it fails for a reason that may pass; absent: the tool's own policy.</summary>
    [JsonPropertyName("retry")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepRetryPolicy? Retry { get; set; }

    /// <summary>How long one attempt may take (ISO 8601, <c>PT30S</c>); absent: the tool's own limit.</summary>
    [JsonPropertyName("timeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Whether the step waits, once it is about to run, for an approver to confirm it with its resolved parameters
    /// (step status <see cref="StepStatus.AwaitingApproval"/>). The approval policy may ask for this by risk too.
    /// </summary>
    [JsonPropertyName("checkpoint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Checkpoint { get; set; }

    /// <summary>
    /// What the step can do (its tool's risk for these parameters, or configuration's <c>Tools:&lt;name&gt;:Risk</c>). Set by
    /// the app when it checks a version; a value sent with a plan is replaced.
    /// </summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; set; }

    /// <summary>Every attempt at running the step, once it has run.</summary>
    [JsonPropertyName("attempts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<StepAttempt>? Attempts { get; set; }

    /// <summary>The parameters the tool received, once the references to earlier outputs were filled in.</summary>
    [JsonPropertyName("resolvedParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? ResolvedParameters { get; set; }

    /// <summary>The step's status.</summary>
    [JsonPropertyName("status")]
    public StepStatus Status { get; set; } = StepStatus.Pending;

    /// <summary>What the tool returned, once it succeeded.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; set; }

    /// <summary>Why the step failed or was skipped.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>Whether <see cref="Output"/> was cut short to keep the plan small.</summary>
    [JsonPropertyName("outputTruncated")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OutputTruncated { get; set; }

    /// <summary>Creates a deep copy of the step.</summary>
    /// <returns>A step that shares no mutable state with this one.</returns>
    public ExecutionStep Clone() => new()
    {
        Id = Id,
        ToolName = ToolName,
        Description = Description,
        Input = Input,
        Parameters = (JsonObject)Parameters.DeepClone(),
        DependsOn = DependsOn is null ? null : [.. DependsOn],
        Retry = Retry?.Clone(),
        Timeout = Timeout,
        Checkpoint = Checkpoint,
        Risk = Risk,
        Attempts = Attempts?.ConvertAll(attempt => attempt.Clone()),
        ResolvedParameters = (JsonObject?)ResolvedParameters?.DeepClone(),
        Status = Status,
        Output = Output,
        Error = Error,
        OutputTruncated = OutputTruncated,
    };
}
