using System.Text.Json;

namespace ExecutionPlans.Tools.Http;

/// <summary>The parameter schema of the <c>http_request</c> tool.</summary>
internal static class HttpRequestToolSchema
{
    /// <summary>The methods the tool sends.</summary>
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    /// <summary>The JSON Schema of the tool's parameters.</summary>
    public static JsonElement Schema { get; } = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new
        {
            method = new
            {
                type = "string",
                @enum = Methods,
                @default = "GET",
                description = "The HTTP method.",
            },
            url = new
            {
                type = "string",
                format = "uri",
                pattern = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$",
                description = "The absolute http or https URL to call. Its host must be one of the allowed hosts.",
            },
            headers = new
            {
                type = "object",
                additionalProperties = new { type = "string" },
                description = "Request headers, name to value.",
            },
            body = new
            {
                type = new[] { "string", "object", "array" },
                description = "The request body: text, or a JSON object or array. JSON (given as such, or as text) is sent as "
                    + "application/json unless the headers give a Content-Type; other text is sent as text/plain.",
            },
            acceptStatus = new
            {
                type = "array",
                minItems = 1,
                items = new
                {
                    anyOf = new object[]
                    {
                        new { type = "integer", minimum = 100, maximum = 599 },
                        new { type = "string", pattern = "^[1-5]([0-9]{2}|[xX]{2})$" },
                    },
                },
                description = "The statuses that count as success, as numbers (404) or classes (\"2xx\"); default [\"2xx\"]. Any other status fails the step.",
            },
        },
        required = new[] { "url" },
        additionalProperties = false,
    });
}
