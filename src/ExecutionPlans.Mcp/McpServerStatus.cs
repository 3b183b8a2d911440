using System.Text.Json.Serialization;

namespace ExecutionPlans.Mcp;

/// <summary>How one configured MCP server answered at start, for health reports.</summary>
/// <param name="Name">The server's name, the prefix of its tools.</param>
/// <param name="Transport"><c>stdio</c> or <c>http</c>.</param>
/// <param name="Status"><c>connected</c>, or <c>unreachable</c> (its tools are absent).</param>
/// <param name="Tools">How many tools it offers plans.</param>
/// <param name="Detail">Why it could not be reached, when it could not.</param>
public sealed record McpServerStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("tools")] int Tools,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null)
{
    /// <summary>The status of a server that answered.</summary>
    public const string Connected = "connected";

    /// <summary>The status of a server that could not be reached at start.</summary>
    public const string Unreachable = "unreachable";
}
