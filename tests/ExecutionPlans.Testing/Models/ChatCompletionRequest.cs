using System.Text.Json.Nodes;

namespace ExecutionPlans.Testing;

/// <summary>A request <see cref="FakeChatCompletionServer"/> received.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Query">The query string, with its <c>?</c>, or empty.</param>
/// <param name="Headers">The request headers (names are case-insensitive).</param>
/// <param name="Body">The request body as JSON.</param>
public sealed record ChatCompletionRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    /// <summary>The chat messages sent, oldest first.</summary>
    public JsonArray Messages => Body["messages"]!.AsArray();

    /// <summary>A header's value, or <see langword="null"/> if the request had none.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The text of message <paramref name="index"/>.</summary>
    public string MessageContent(int index) => ContentText(Messages[index]!["content"]);

    /// <summary>The role of message <paramref name="index"/> (<c>system</c>, <c>user</c>, <c>assistant</c>).</summary>
    public string MessageRole(int index) => Messages[index]!["role"]!.GetValue<string>();

    /// <summary>The text of a message, whether sent as a string or as content parts.</summary>
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };
}
