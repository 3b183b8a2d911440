using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ExecutionPlans.Tools;

/// <summary>A <see cref="PlanTool"/> backed by an <see cref="AIFunction"/>.</summary>
internal sealed class AIFunctionPlanTool(AIFunction function) : PlanTool
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Name => function.Name;

    public override string Description => function.Description;

    public override JsonElement ParametersSchema => function.JsonSchema;

    public override async Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        var arguments = new AIFunctionArguments();
        foreach (var (name, value) in parameters)
        {
            // AIFunctionFactory binds JsonElement arguments to the method's parameter types.
            arguments[name] = value is null ? null : JsonSerializer.SerializeToElement(value);
        }

        var result = await function.InvokeAsync(arguments, cancellationToken);
        return result switch
        {
            null => string.Empty,
            string text => text,
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => string.Empty,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
            // The factory serializes results indented; outputs are kept in size-limited plan status, so compact them.
            JsonElement element => JsonSerializer.Serialize(element, CompactJson),
            _ => JsonSerializer.Serialize(result, function.JsonSerializerOptions),
        };
    }
}
