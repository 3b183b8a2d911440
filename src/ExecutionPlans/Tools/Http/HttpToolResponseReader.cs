using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExecutionPlans.Tools.Http;

/// <summary>Turns a response into the <c>http_request</c> tool's JSON output, reading at most a bounded part of the body.</summary>
internal static class HttpToolResponseReader
{
    private const int ChunkChars = 4096;

    // The output is read by people and models, not embedded in HTML: keep non-ASCII text and quotes readable.
    private static readonly JsonSerializerOptions OutputOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads the response.</summary>
    /// <param name="response">The response, with its body not yet read.</param>
    /// <param name="maxChars">The most characters of the body to keep.</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    /// <returns>
    /// <c>{"status", "reasonPhrase", "headers", "body", "truncated", "json"}</c> as JSON; <c>json</c> is the body parsed,
    /// when it is whole and JSON, so later steps can reference values in it. Beside it, the body as read.
    /// </returns>
    public static async Task<(string Output, string Body)> ReadAsync(HttpResponseMessage response, int maxChars, CancellationToken cancellationToken)
    {
        var (body, truncated) = await ReadBodyAsync(response.Content, maxChars, cancellationToken);
        var output = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["reasonPhrase"] = response.ReasonPhrase,
            ["headers"] = ReadHeaders(response),
            ["body"] = body,
            ["truncated"] = truncated,
        };
        if (!truncated && ParseJson(body) is { } json)
        {
            output["json"] = json;
        }

        return (output.ToJsonString(OutputOptions), body);
    }

    private static JsonNode? ParseJson(string body)
    {
        var start = body.AsSpan().TrimStart();
        if (start.IsEmpty || (start[0] != '{' && start[0] != '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            // Not JSON after all; the text is still in "body".
            return null;
        }
    }

    private static JsonObject ReadHeaders(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            // Header names are case-insensitive; lower case is how HTTP/2 and HTTP/3 spell them.
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        return headers;
    }

    private static async Task<(string Body, bool Truncated)> ReadBodyAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, ResolveEncoding(content.Headers.ContentType), detectEncodingFromByteOrderMarks: true);
        var chunk = new char[ChunkChars];
        var body = new StringBuilder();

        // Read one character past the limit to know whether there was more, and never more than that.
        while (body.Length <= maxChars)
        {
            var wanted = Math.Min(chunk.Length, maxChars + 1 - body.Length);
            var read = await reader.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                return (body.ToString(), false);
            }

            body.Append(chunk, 0, read);
        }

        body.Length = maxChars;
        if (char.IsHighSurrogate(body[^1]))
        {
            // Do not leave half of a surrogate pair at the cut.
            body.Length--;
        }

        return (body.ToString(), true);
    }

    private static Encoding ResolveEncoding(MediaTypeHeaderValue? contentType)
    {
        var charset = contentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            // An unknown charset is the server's mistake; UTF-8 is the most likely right guess.
            return Encoding.UTF8;
        }
    }
}
