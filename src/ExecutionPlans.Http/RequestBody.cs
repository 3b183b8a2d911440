using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http;

/// <summary>Reads JSON request bodies with a size limit, turning every failure into a problem result.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body as <typeparamref name="T"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="required">Whether an empty body is an error; otherwise it reads as null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or the problem to answer with.</returns>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, bool required, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || IsWhiteSpace(buffer))
        {
            return required ? (null, Invalid("$", "The request needs a JSON body.")) : (null, null);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Model.ExecutionPlanJson.Options);
            return value is null && required ? (null, Invalid("$", "The request needs a JSON object, not null.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var path = exception.Path is { Length: > 0 } at ? at : "$";
            return (null, Invalid(path, $"The body is not valid JSON for this request at {path}: {FirstSentence(exception.Message)}"));
        }
    }

    // Filed under the JSON path at fault, as ASP.NET Core's own input formatters do, so every 400 has an 'errors' map.
    private static IResult Invalid(string path, string message) =>
        Problems.Invalid(new Dictionary<string, string[]> { [path] = [message] }, message);

    private static bool IsWhiteSpace(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
