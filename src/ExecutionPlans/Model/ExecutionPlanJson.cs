using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>The JSON settings plans are written and read with: camelCase names, snake_case enum values.</summary>
public static class ExecutionPlanJson
{
    /// <summary>Options for reading and writing plans and plan views.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>The same as <see cref="Options"/>, indented for people and prompts.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
