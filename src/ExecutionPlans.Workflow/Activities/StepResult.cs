using System.Text.Json.Serialization;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>What running one step produced.</summary>
/// <param name="Succeeded">Whether the tool returned a result.</param>
/// <param name="Output">The tool's output, cut to the configured length.</param>
/// <param name="Error">Why the step failed.</param>
/// <param name="OutputTruncated">Whether <paramref name="Output"/> was cut.</param>
/// <param name="Transient">Whether the failure may pass (a timeout, HTTP 503).</param>
/// <param name="RetryIn">When the step should be tried again, how long to wait first; null: it should not be.</param>
public sealed record StepResult(
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("outputTruncated")] bool OutputTruncated = false,
    [property: JsonPropertyName("transient")] bool Transient = false,
    [property: JsonPropertyName("retryIn")] TimeSpan? RetryIn = null);
