using System.Text.Json.Serialization;

namespace ExecutionPlans.Server;

/// <summary>The health endpoint's answer.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("engine")] EngineHealth Engine,
    [property: JsonPropertyName("model")] ModelHealth Model)
{
    /// <summary>The configured MCP servers and how each answered at start; absent when none is configured.</summary>
    [JsonPropertyName("mcp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ExecutionPlans.Mcp.McpServerStatus>? Mcp { get; init; }

    /// <summary>Why the engine cannot serve the API, when it cannot.</summary>
    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}

/// <summary>The engine, without secrets.</summary>
internal sealed record EngineHealth(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("taskHub")] string TaskHub,
    [property: JsonPropertyName("storage")] string? Storage);
