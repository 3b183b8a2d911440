using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>
/// Whether JSON is what a schema of the document says, as a client generated from it would read it: types, enums,
/// required properties, items and <c>oneOf</c> alternatives; and, for a closed check (stricter than JSON Schema, so that
/// the document is shown complete), no property the schema does not declare when it declares any. Problem details are
/// checked open: RFC 9457 lets them carry extension members (<c>traceId</c>).
/// </summary>
internal static class SchemaConformance
{
    /// <summary>What in <paramref name="value"/> the schema does not allow, by JSON path; empty when it conforms.</summary>
    /// <param name="value">The JSON.</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="closed">Whether a property the schema does not declare is a mismatch.</param>
    public static IReadOnlyList<string> Mismatches(JsonNode? value, IOpenApiSchema schema, bool closed = true)
    {
        var mismatches = new List<string>();
        new Checker(closed, mismatches).Check(value, schema, "$");
        return mismatches;
    }

    /// <summary>One check: its strictness and what it found.</summary>
    private sealed class Checker(bool closed, List<string> mismatches)
    {
        public void Check(JsonNode? value, IOpenApiSchema schema, string path)
        {
            if (schema.OneOf is { Count: > 0 } alternatives)
            {
                if (!alternatives.Any(alternative => Mismatches(value, alternative, closed).Count == 0))
                {
                    mismatches.Add($"{path}: {Describe(value)} matches none of its {alternatives.Count} alternatives.");
                }

                return;
            }

            foreach (var part in schema.AllOf ?? [])
            {
                Check(value, part, path);
            }

            if (schema.Type is { } type && !Admits(type, value))
            {
                mismatches.Add($"{path}: {Describe(value)} is not {type}.");
                return;
            }

            if (schema.Enum is { Count: > 0 } values && value is not null && !values.Any(allowed => JsonNode.DeepEquals(allowed, value)))
            {
                mismatches.Add($"{path}: {Describe(value)} is not one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}.");
            }

            switch (value)
            {
                case JsonObject obj:
                    CheckObject(obj, schema, path);
                    break;
                case JsonArray array when schema.Items is { } items:
                    for (var index = 0; index < array.Count; index++)
                    {
                        Check(array[index], items, $"{path}[{index}]");
                    }

                    break;
            }
        }

        private void CheckObject(JsonObject obj, IOpenApiSchema schema, string path)
        {
            foreach (var required in schema.Required ?? new HashSet<string>())
            {
                if (!obj.ContainsKey(required))
                {
                    mismatches.Add($"{path}: the required property '{required}' is missing.");
                }
            }

            var declared = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, property) in obj)
            {
                if (declared.TryGetValue(name, out var propertySchema))
                {
                    Check(property, propertySchema, $"{path}.{name}");
                }
                else if (schema.AdditionalProperties is { } additional)
                {
                    Check(property, additional, $"{path}.{name}");
                }
                else if (!schema.AdditionalPropertiesAllowed || (closed && declared.Count > 0))
                {
                    mismatches.Add($"{path}: the property '{name}' is not in the schema.");
                }
            }
        }
    }

    private static bool Admits(JsonSchemaType type, JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) || (type.HasFlag(JsonSchemaType.Integer) && IsWhole(value)),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        _ => false,
    };

    private static bool IsWhole(JsonNode number)
    {
        var parsed = double.Parse(number.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return Math.Floor(parsed) == parsed;
    }

    private static string Describe(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length <= 80 ? json : json[..80] + "…";
    }
}
