using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExecutionPlans.Http;

/// <summary>
/// Reads JSON request bodies with a size limit, turning every failure into a problem result. The request must say it
/// is JSON (<c>Content-Type: application/json</c>, also for an empty body): a browser cannot send that to another site
/// without asking it first, so a page elsewhere cannot create or decide on plans (415 otherwise).
/// </summary>
internal static class RequestBody
{
    /// <summary>Reads the body as <typeparamref name="T"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="required">Whether an empty body is an error; otherwise it reads as null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value; or the problem to answer with: invalid (400), or refused (413, 415).</returns>
    public static async Task<(T? Value, ValidationProblem? Invalid, ProblemHttpResult? Refused)> ReadAsync<T>(HttpRequest request, int maxBytes, bool required, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, null, Problems.NotJson(request.ContentType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, null, Problems.TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, null, Problems.TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || IsWhiteSpace(buffer))
        {
            return required ? (null, Invalid("$", "The request needs a JSON body."), null) : (null, null, null);
        }

        if (FirstLoneSurrogate(buffer) is { } where)
        {
            return (null, Invalid("$", $"The body holds {where} with a UTF-16 surrogate without its pair (an escape such as \\ud800 alone), which is not text."), null);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Model.ExecutionPlanJson.Options);
            return value is null && required ? (null, Invalid("$", "The request needs a JSON object, not null."), null) : (value, null, null);
        }
        catch (JsonException exception)
        {
            var path = exception.Path is { Length: > 0 } at ? at : "$";
            return (null, Invalid(path, $"The body is not valid JSON for this request at {path}: {FirstSentence(exception.Message)}"), null);
        }
    }

    /// <summary>Whether the content type is JSON: <c>application/json</c> or <c>application/*+json</c>, in UTF-8 if a charset is named.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? string.Empty;
        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        return json && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// What in the body escapes a lone surrogate ("a string", "a property name"), or null. Such text parses as JSON,
    /// but nothing can read it as a string afterwards, so it is refused at the door.
    /// </summary>
    private static string? FirstLoneSurrogate(MemoryStream buffer)
    {
        var reader = new Utf8JsonReader(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.ValueIsEscaped && !CanRead(ref reader))
                {
                    return reader.TokenType == JsonTokenType.PropertyName ? "a property name" : "a string";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the deserializer says where, in its own words.
            return null;
        }

        return null;
    }

    private static bool CanRead(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Filed under the JSON path at fault, as ASP.NET Core's own input formatters do, so every 400 has an 'errors' map.
    private static ValidationProblem Invalid(string path, string message) =>
        Problems.Invalid(new Dictionary<string, string[]> { [path] = [message] }, message);

    private static bool IsWhiteSpace(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
