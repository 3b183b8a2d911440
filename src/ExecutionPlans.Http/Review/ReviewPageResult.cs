using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// A review page, or the redirect after a decision, with the headers every review answer carries: a strict
/// content security policy (no scripts, no external resources, styles by nonce, forms only to this app, no
/// framing), no MIME sniffing, no referrer (the token is in the URL), and no caching.
/// </summary>
internal sealed class ReviewPageResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    private ReviewPageResult(int statusCode, string html, string nonce, string? location, string? csrfCookie)
    {
        StatusCode = statusCode;
        Html = html;
        Nonce = nonce;
        Location = location;
        CsrfCookie = csrfCookie;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The page.</summary>
    public string Html { get; }

    /// <summary>The nonce of the page's style sheet, named by the content security policy.</summary>
    public string Nonce { get; }

    /// <summary>Where a redirect points.</summary>
    public string? Location { get; }

    /// <summary>The double-submit value set as the CSRF cookie, when the page has forms.</summary>
    public string? CsrfCookie { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    string IContentTypeHttpResult.ContentType => HtmlContentType;

    public string ContentSecurityPolicy =>
        $"default-src 'none'; style-src 'nonce-{Nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A page.</summary>
    public static ReviewPageResult Page(ReviewPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var nonce = NewNonce();
        return new(page.StatusCode, ReviewPageRenderer.Render(page, nonce), nonce, null, page.Form?.Csrf);
    }

    /// <summary>303 See Other: after a decision, the browser loads the review page again with GET.</summary>
    public static ReviewPageResult SeeOther(string location)
    {
        var nonce = NewNonce();
        var page = new ReviewPage { StatusCode = StatusCodes.Status303SeeOther, Title = "Decision sent", Message = "Your decision was sent.", RetryUrl = location };
        return new(page.StatusCode, ReviewPageRenderer.Render(page, nonce), nonce, location, null);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = HtmlContentType;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (CsrfCookie is not null)
        {
            response.Cookies.Append(ReviewPageCsrf.CookieName, CsrfCookie, ReviewPageCsrf.CookieOptions(httpContext.Request));
        }

        var body = Encoding.UTF8.GetBytes(Html);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
