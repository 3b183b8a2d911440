using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ExecutionPlans.Server;

/// <summary>
/// Answers requests with a URL or headers over the limits with problem details, as every other refusal is: Kestrel
/// is given room beyond the limits (where it would close with an empty 414 or 431) and this check, first in the
/// pipeline, refuses at the limits themselves. A request Kestrel cannot parse at all (a request line with a NUL, say)
/// never reaches the app, and gets Kestrel's own bare 400.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The longest request target (path and query), in characters.</summary>
    public const int MaxUrlChars = 8 * 1024;

    /// <summary>The most all request headers may take, in characters of names and values.</summary>
    public const int MaxHeadersChars = 32 * 1024;

    /// <summary>The most request headers.</summary>
    public const int MaxHeaders = 100;

    /// <summary>Gives Kestrel room beyond the limits, so the check below sees what it refuses.</summary>
    public static void Configure(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = 8 * MaxUrlChars;
        kestrel.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeadersChars;
        kestrel.Limits.MaxRequestHeaderCount = 10 * MaxHeaders;
    }

    /// <summary>Refuses a request over the limits with 414 or 431 problem details.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var urlChars = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        var headerChars = 0L;
        foreach (var (name, values) in request.Headers)
        {
            headerChars += name.Length + values.Sum(value => value?.Length ?? 0);
        }

        (int Status, string Title, string Detail) refusal = urlChars > MaxUrlChars
            ? (StatusCodes.Status414UriTooLong, "The URL is too long.", $"The URL has {urlChars} characters; at most {MaxUrlChars} are accepted.")
            : headerChars > MaxHeadersChars
                ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "The headers are too large.", $"The request headers take {headerChars} characters; at most {MaxHeadersChars} are accepted.")
                : request.Headers.Count > MaxHeaders
                    ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "Too many headers.", $"The request has {request.Headers.Count} headers; at most {MaxHeaders} are accepted.")
                    : (0, string.Empty, string.Empty);
        if (refusal.Status == 0)
        {
            await next(context);
            return;
        }

        await Results.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title).ExecuteAsync(context);
    });
}
