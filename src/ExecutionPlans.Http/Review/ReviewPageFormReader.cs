using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ExecutionPlans.Http.Review;

/// <summary>Reads the review form's URL-encoded body, no larger than the API's body limit.</summary>
internal static class ReviewPageFormReader
{
    public static async Task<(Dictionary<string, StringValues>? Fields, ReviewPage? Refusal)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Refused(StatusCodes.Status415UnsupportedMediaType, "The review page posts its forms as application/x-www-form-urlencoded."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            using var reader = new FormReader(text);
            return (reader.ReadForm(), null);
        }
        catch (InvalidDataException exception)
        {
            return (null, Refused(StatusCodes.Status400BadRequest, $"The form could not be read: {exception.Message}"));
        }
    }

    private static ReviewPage TooLarge(int maxBytes) =>
        Refused(StatusCodes.Status413PayloadTooLarge, $"The form is larger than {maxBytes} bytes, the most this app accepts (Workflow:MaxRequestBodyBytes). Shorten the text and send it again.");

    private static ReviewPage Refused(int statusCode, string message) =>
        new() { StatusCode = statusCode, Title = "The form was not accepted", Message = message, Tone = ReviewPageTone.Error };
}
