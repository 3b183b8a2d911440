using System.Text.Json;
using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Plans;

/// <summary>A tool as <c>GET /api/tools</c> describes it.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Parameters">The JSON Schema of its parameters.</param>
/// <param name="Risk">What its steps can do, as configured (<c>Tools:&lt;name&gt;:Risk</c>) or as the tool says; a tool whose risk depends on its parameters (<c>http_request</c>: by method) says its usual one.</param>
public sealed record ToolDescription(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("parameters")] JsonElement Parameters,
    [property: JsonPropertyName("risk")] ToolRisk Risk);
