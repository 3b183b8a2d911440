using System.Text.RegularExpressions;
using ExecutionPlans.Http.Review;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>What a review result wrote: status, HTML and headers.</summary>
internal sealed partial record ReviewResponse(int StatusCode, string Html, IHeaderDictionary Headers)
{
    /// <summary>The value of the CSRF cookie the response set, if it set one.</summary>
    public string? CsrfCookie =>
        Headers.SetCookie.Select(c => CookiePattern().Match(c ?? string.Empty)).FirstOrDefault(m => m.Success)?.Groups["value"].Value;

    /// <summary>The value of the hidden CSRF field in the page's first form, if it has one.</summary>
    public string? CsrfField => CsrfFieldPattern().Match(Html) is { Success: true } match ? match.Groups["value"].Value : null;

    /// <summary>The buttons on the page, by label.</summary>
    public IReadOnlyList<string> Buttons => [.. ButtonPattern().Matches(Html).Select(m => m.Groups["label"].Value)];

    [GeneratedRegex("^epf_csrf=(?<value>[^;]+)")]
    private static partial Regex CookiePattern();

    [GeneratedRegex("name=\"csrf\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex CsrfFieldPattern();

    [GeneratedRegex("<button[^>]*>(?<label>[^<]+)</button>")]
    private static partial Regex ButtonPattern();
}
