using System.Text.Json.Nodes;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.ModelClients;

/// <summary>A request <see cref="FakeChatCompletionServer"/> received.</summary>
internal sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonArray Messages => Body["messages"]!.AsArray();

    public string MessageContent(int index) => ContentText(Messages[index]!["content"]);

    public string MessageRole(int index) => Messages[index]!["role"]!.GetValue<string>();

    /// <summary>The text of a message, whether sent as a string or as content parts.</summary>
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };
}
