using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Tools;
using Microsoft.Extensions.AI;

namespace ExecutionPlans.Planning;

/// <summary>The structured-output format the model is asked to answer in.</summary>
internal static class PlanResponseSchema
{
    /// <summary>The schema name sent with the response format.</summary>
    public const string Name = "execution_plan";

    /// <summary>
    /// A JSON Schema response format for <c>{description, steps:[{id, toolName, description, input, parameters}]}</c>.
    /// Not strict: <c>parameters</c> is a free object whose shape depends on the tool, which the catalog checks afterwards.
    /// </summary>
    public static ChatResponseFormat Create(ToolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var toolNames = new JsonArray([.. catalog.Tools.Select(t => JsonValue.Create(t.Name))]);
        var step = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["id"] = Text("The step's id: s1, s2, ... in order."),
                ["toolName"] = new JsonObject { ["type"] = "string", ["enum"] = toolNames, ["description"] = "The tool the step calls." },
                ["description"] = Text("What the step does, for the reviewer."),
                ["input"] = Text("The step's input in plain words."),
                ["dependsOn"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string" },
                    ["description"] = "The ids of the steps that finish first; [] for none; left out: the previous step.",
                },
                ["parameters"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "The tool's arguments; they satisfy its parameter schema. A value may be {{steps.<id>.output}} or {{steps.<id>.output.<path>}}.",
                },
            },
            ["required"] = new JsonArray("id", "toolName", "description", "input", "parameters"),
        };
        var plan = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["description"] = Text("What the plan achieves."),
                ["steps"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = catalog.MaxSteps, ["items"] = step },
            },
            ["required"] = new JsonArray("description", "steps"),
        };

        return ChatResponseFormat.ForJsonSchema(
            JsonSerializer.SerializeToElement(plan),
            Name,
            "A plan of tool calls that carries out the user's request.");
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };
}
