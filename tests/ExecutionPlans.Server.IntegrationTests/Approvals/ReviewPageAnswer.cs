using System.Net;
using System.Text.RegularExpressions;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>A review page as the server sent it, read the way a browser reads its forms.</summary>
/// <param name="Url">The address the page was opened at.</param>
/// <param name="StatusCode">The answer's status.</param>
/// <param name="Html">The page.</param>
internal sealed partial record ReviewPageAnswer(Uri Url, HttpStatusCode StatusCode, string Html)
{
    /// <summary>Whether the page has any form to decide with.</summary>
    public bool HasForms => Html.Contains("<form", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of the page's notice (what the link can do now, or what was decided), decoded.</summary>
    public string Notice => NoticePattern().Match(Html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups["text"].Value)
        : throw new InvalidOperationException($"The page has no notice:\n{Html}");

    /// <summary>The form of one action (<c>approve</c>, <c>modify</c>, <c>reject</c>); fails when the page has none.</summary>
    public ReviewPageFormFields Form(string action)
    {
        var form = FormPattern().Matches(Html).FirstOrDefault(m => m.Groups["id"].Value == "form-" + action)
            ?? throw new InvalidOperationException($"The page ({(int)StatusCode}) has no form for '{action}':\n{Html}");
        var body = form.Groups["body"].Value;
        var hidden = HiddenFieldPattern().Matches(body)
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
        var textField = TextFieldPattern().Match(body) is { Success: true } text ? text.Groups["name"].Value
            : throw new InvalidOperationException($"The '{action}' form has no text field:\n{body}");
        return new ReviewPageFormFields(WebUtility.HtmlDecode(form.Groups["action"].Value), hidden, textField);
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*\\bid=\"(?<id>[^\"]+)\">(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenFieldPattern();

    [GeneratedRegex("<textarea[^>]*\\bname=\"(?<name>[^\"]+)\"")]
    private static partial Regex TextFieldPattern();

    [GeneratedRegex("<p id=\"notice\"[^>]*>(?<text>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex NoticePattern();
}
