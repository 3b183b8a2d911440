using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>A tool with a hand-written schema whose action the test supplies.</summary>
internal sealed class StubTool(string name, string schemaJson, Func<JsonObject, Task<string>> action) : PlanTool
{
    public const string TextSchema = """
        {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"], "additionalProperties": false}
        """;

    public override string Name => name;

    public override string Description => $"The {name} test tool.";

    public override JsonElement ParametersSchema { get; } = JsonDocument.Parse(schemaJson).RootElement.Clone();

    public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) => action(parameters);
}
