using System.Net;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>
/// Follows signed links to the review page as a browser would: cookies kept (the page sets its CSRF cookie),
/// redirects not followed (so a test sees the 303 a decision answers with), forms posted URL-encoded.
/// </summary>
internal sealed class ReviewPageClient : IDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly HttpClient http;

    public ReviewPageClient()
    {
        http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The names of the cookies the client holds for <paramref name="url"/>.</summary>
    public IReadOnlyList<string> CookieNames(Uri url) => [.. cookies.GetCookies(url).Select(cookie => cookie.Name)];

    /// <summary>Opens a link (<c>GET</c>) and reads the page.</summary>
    public async Task<ReviewPageAnswer> OpenAsync(Uri link)
    {
        using var response = await http.GetAsync(link);
        return new ReviewPageAnswer(link, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Posts the page's form for <paramref name="action"/>: its hidden fields (token, CSRF value, action) as the page
    /// wrote them, and <paramref name="text"/> in its text field when given.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(ReviewPageAnswer page, string action, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Form(action);
        var fields = new Dictionary<string, string>(form.HiddenFields, StringComparer.Ordinal);
        if (text is not null)
        {
            fields[form.TextField] = text;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(page.Url, form.Action), content);
    }

    public void Dispose() => http.Dispose();
}
