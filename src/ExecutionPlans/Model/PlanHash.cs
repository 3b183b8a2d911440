using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExecutionPlans.Model;

/// <summary>
/// The fingerprint of what a plan version does: SHA-256, in lowercase hex, of the canonical JSON of its steps' definitions
/// (id, tool, description, input, parameters, dependencies, retry, timeout, checkpoint; never statuses or results),
/// object keys in ordinal order, no white space. The same steps give the same hash wherever it is computed, so a
/// decision naming a hash approves exactly those steps, and what ran can be checked against what was approved.
/// </summary>
public static class PlanHash
{
    /// <summary>The length of a hash: 64 hex digits.</summary>
    public const int Length = 64;

    /// <summary>The hash of a plan's steps.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Of(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = new JsonArray();
        foreach (var step in plan.Steps)
        {
            steps.Add(Definition(step));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            WriteCanonical(writer, steps);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Whether a text has the form of a hash (64 hex digits, either case).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it does.</returns>
    public static bool IsHash(string? text) => text is { Length: Length } && text.All(char.IsAsciiHexDigit);

    /// <summary>The first 12 digits of a hash, as pages and notifications show it beside the whole.</summary>
    /// <param name="hash">A hash.</param>
    /// <returns>Its first 12 characters, or all of a shorter text.</returns>
    public static string Abbreviate(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Length > 12 ? hash[..12] : hash;
    }

    /// <summary>Whether two hashes are the same, ignoring case.</summary>
    /// <param name="left">A hash.</param>
    /// <param name="right">Another.</param>
    /// <returns>True when they are.</returns>
    public static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Definition(ExecutionStep step)
    {
        var definition = new JsonObject
        {
            ["id"] = step.Id,
            ["toolName"] = step.ToolName,
            ["description"] = step.Description,
            ["input"] = step.Input,
            ["parameters"] = step.Parameters.DeepClone(),
            ["checkpoint"] = step.Checkpoint,
        };
        if (step.DependsOn is { } dependsOn)
        {
            definition["dependsOn"] = new JsonArray([.. dependsOn.Select(id => (JsonNode?)JsonValue.Create(id))]);
        }

        if (step.Retry is { } retry)
        {
            definition["retry"] = JsonSerializer.SerializeToNode(retry, ExecutionPlanJson.Options);
        }

        if (step.Timeout is { } timeout)
        {
            definition["timeout"] = Durations.Format(timeout);
        }

        return definition;
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(property => property.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
