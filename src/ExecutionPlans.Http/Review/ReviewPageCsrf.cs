using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// Double-submit protection of the review forms: the page sets a random value as a strict same-site cookie,
/// scoped to the review route, and in a hidden field; a post is taken only when both are there and equal.
/// A page on another site can make a browser post the form, but can neither read nor set the cookie.
/// </summary>
internal static class ReviewPageCsrf
{
    public const string CookieName = "epf_csrf";
    public const string FieldName = "csrf";
    private const int ValueBytes = 32;

    /// <summary>The value for a new page: the browser's current one when it has a well-formed one (so open tabs keep working), else a new one.</summary>
    public static string ValueFor(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var existing) && IsWellFormed(existing) ? existing! : NewValue();

    /// <summary>Whether the posted field matches the cookie.</summary>
    public static bool Verify(HttpRequest request, string? field)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var cookie) || !IsWellFormed(cookie) || !IsWellFormed(field))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie!), Encoding.ASCII.GetBytes(field!));
    }

    /// <summary>The cookie's settings: HTTP-only, strict same-site, only sent to this plan's review route.</summary>
    public static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = (request.PathBase + request.Path).ToUriComponent(),
        IsEssential = true,
    };

    private static string NewValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ValueBytes));

    private static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 64 } && Base64Url.IsValid(value, out var length) && length == ValueBytes;
}
