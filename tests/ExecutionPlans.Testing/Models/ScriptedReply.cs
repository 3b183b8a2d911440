using System.Text.Json.Nodes;

namespace ExecutionPlans.Testing;

/// <summary>One answer of <see cref="FakeChatCompletionServer"/>: a chat completion, or an error status.</summary>
/// <param name="StatusCode">The answer's HTTP status.</param>
/// <param name="Content">The assistant message's text; <see langword="null"/> for an error answer.</param>
/// <param name="Headers">Headers the answer carries (such as <c>Retry-After</c>).</param>
public sealed record ScriptedReply(int StatusCode, string? Content, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A 200 chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static ScriptedReply Answer(string content) => new(200, content, new Dictionary<string, string>());

    /// <summary>An error answer with the status and headers.</summary>
    public static ScriptedReply Error(int statusCode, params (string Name, string Value)[] headers) =>
        new(statusCode, null, headers.ToDictionary(h => h.Name, h => h.Value));

    /// <summary>The answer's body, an OpenAI chat completion (or error) naming <paramref name="model"/>.</summary>
    public JsonObject ToBody(string model) => Content is null
        ? new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = $"Scripted failure {StatusCode}.", ["type"] = "server_error", ["code"] = null },
        }
        : new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
}
