using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Details;

/// <summary>What one run of a step produced, in full.</summary>
/// <param name="StepId">The step's id.</param>
/// <param name="Version">The plan version the step ran in.</param>
/// <param name="ResolvedParameters">The parameters the tool was called with, references filled in.</param>
/// <param name="Succeeded">Whether the tool returned a result.</param>
/// <param name="Output">The tool's output, up to <see cref="WorkflowOptions.MaxStepOutputChars"/>.</param>
/// <param name="OutputTruncated">Whether <paramref name="Output"/> was cut at that length.</param>
/// <param name="Error">Why the step failed.</param>
public sealed record StepRecord(
    [property: JsonPropertyName("stepId")] string StepId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("resolvedParameters")] JsonObject? ResolvedParameters,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("outputTruncated")] bool OutputTruncated,
    [property: JsonPropertyName("error")] string? Error);
