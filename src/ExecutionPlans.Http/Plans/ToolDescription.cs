using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExecutionPlans.Http.Plans;

/// <summary>A tool as <c>GET /api/tools</c> describes it.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Parameters">The JSON Schema of its parameters.</param>
public sealed record ToolDescription(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("parameters")] JsonElement Parameters);
