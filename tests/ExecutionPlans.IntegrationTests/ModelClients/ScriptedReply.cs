using System.Text.Json.Nodes;

namespace ExecutionPlans.IntegrationTests.ModelClients;

/// <summary>One answer of <see cref="FakeChatCompletionServer"/>: a chat completion, or an error status.</summary>
internal sealed record ScriptedReply(int StatusCode, string? Content, IReadOnlyDictionary<string, string> Headers)
{
    public static ScriptedReply Answer(string content) => new(200, content, new Dictionary<string, string>());

    public static ScriptedReply Error(int statusCode, params (string Name, string Value)[] headers) =>
        new(statusCode, null, headers.ToDictionary(h => h.Name, h => h.Value));

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
