using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

/// <summary>A tool with a hand-written schema whose action the test supplies.</summary>
internal sealed class StubTool(string name, string schemaJson, Func<JsonObject, CancellationToken, Task<string>>? action = null) : PlanTool
{
    public const string AnyObject = """{"type": "object"}""";

    public override string Name => name;

    public override string Description => $"The {name} test tool.";

    public override JsonElement ParametersSchema { get; } = JsonDocument.Parse(schemaJson).RootElement.Clone();

    public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) =>
        action is null ? Task.FromResult(parameters.ToJsonString()) : action(parameters, cancellationToken);
}
