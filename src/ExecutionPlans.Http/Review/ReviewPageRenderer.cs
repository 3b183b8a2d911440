using System.Text;
using System.Text.Encodings.Web;
using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// Writes a review page as one self-contained HTML document: no scripts, no external resources, readable on a
/// phone. Plans come from a model and are treated as hostile: every text from a plan, a decision or a link is
/// HTML-encoded, in element content and attributes alike.
/// </summary>
internal static partial class ReviewPageRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Render(ReviewPage page, string nonce)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"robots\" content=\"noindex, nofollow\">\n");
        if (page.Refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"3\">\n");
        }

        html.Append("<title>").Append(Text(page.Title)).Append(" · Execution plan</title>\n")
            .Append("<style nonce=\"").Append(Text(nonce)).Append("\">").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        Header(html, page);
        if (page.View is { } view)
        {
            Plan(html, page, view);
        }

        if (page.RetryUrl is { } retry)
        {
            html.Append("<p><a href=\"").Append(Text(retry)).Append("\">Open the review page again</a></p>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ReviewPage page)
    {
        html.Append("<header>\n<h1 id=\"title\">").Append(Text(page.Title)).Append("</h1>\n");
        if (page.View is { } view)
        {
            html.Append("<p class=\"meta\">Status <span id=\"plan-status\" class=\"badge status-").Append(Text(view.Status.ToString().ToLowerInvariant()))
                .Append("\">").Append(Text(view.Status.ToWireName())).Append("</span> · version <span id=\"plan-version\">")
                .Append(view.Version).Append("</span>");
            if (page.Refresh)
            {
                html.Append(" · <span class=\"muted\">this page refreshes every 3 seconds</span>");
            }

            html.Append("</p>\n");
        }

        html.Append("</header>\n");
        if (page.Message is { } message)
        {
            html.Append("<p id=\"notice\" class=\"notice ").Append(page.Tone.ToString().ToLowerInvariant()).Append("\" role=\"status\">")
                .Append(Text(message)).Append("</p>\n");
        }
    }

    private static void Forms(StringBuilder html, ReviewPageForm form)
    {
        html.Append("<section id=\"decide\">\n<h2>").Append(form.StepId is null ? "Your decision" : "Your decision on step " + Text(form.StepId)).Append("</h2>\n");
        if (form.Chosen is { } chosen)
        {
            html.Append("<p class=\"muted\">Your link chose <strong>").Append(Text(ReviewPageActions.Label(chosen, form.StepId)))
                .Append("</strong>. Nothing is decided until you press a button.</p>\n");
        }

        html.Append("<div class=\"decide\">\n");
        foreach (var action in form.Actions)
        {
            var (field, label, required) = action switch
            {
                ReviewPageActions.Approve or ReviewPageActions.Retry => ("comment", "Comment (optional)", false),
                ReviewPageActions.Modify => ("feedback", "What should change (required)", true),
                _ => ("reason", "Reason (optional)", false),
            };
            var value = action switch
            {
                ReviewPageActions.Approve or ReviewPageActions.Retry => form.Comment,
                ReviewPageActions.Modify => form.Feedback,
                _ => form.Reason,
            };
            var isChosen = action == form.Chosen;
            html.Append("<form method=\"post\" action=\"").Append(Text(form.ActionUrl)).Append("\" class=\"").Append(action)
                .Append(isChosen ? " chosen" : string.Empty).Append("\" id=\"form-").Append(action).Append("\">\n");
            html.Append("<h3>").Append(Text(ReviewPageActions.Label(action, form.StepId))).Append("</h3>\n");
            if (form.Refusals.TryGetValue(action, out var refusal))
            {
                html.Append("<p class=\"muted\">").Append(Text(refusal)).Append("</p>\n</form>\n");
                continue;
            }

            html.Append("<input type=\"hidden\" name=\"token\" value=\"").Append(Text(form.Token)).Append("\">\n")
                .Append("<input type=\"hidden\" name=\"").Append(ReviewPageCsrf.FieldName).Append("\" value=\"").Append(Text(form.Csrf)).Append("\">\n")
                .Append("<input type=\"hidden\" name=\"action\" value=\"").Append(action).Append("\">\n")
                .Append("<label for=\"").Append(field).Append("\">").Append(Text(label)).Append("</label>\n")
                .Append("<textarea id=\"").Append(field).Append("\" name=\"").Append(field).Append("\" rows=\"3\" maxlength=\"4000\"")
                .Append(required ? " required" : string.Empty).Append(isChosen ? " autofocus" : string.Empty).Append('>')
                .Append(Text(value)).Append("</textarea>\n");
            if (isChosen && form.Error is { } error)
            {
                html.Append("<p class=\"field-error\" role=\"alert\">").Append(Text(error)).Append("</p>\n");
            }

            html.Append("<button type=\"submit\">").Append(Text(ReviewPageActions.Label(action, form.StepId))).Append("</button>\n</form>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    private static string Text(string? value) => value is null ? string.Empty : Encoder.Encode(value);

    private const string Css =
        ":root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--accent:#0969da;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}" +
        "*{box-sizing:border-box}" +
        "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:var(--bg)}" +
        "main{max-width:56rem;margin:0 auto;padding:1rem}" +
        "h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.15rem;margin:1.75rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}" +
        "h3{font-size:1rem;margin:0 0 .5rem}.meta{margin:.25rem 0}.muted{color:var(--muted)}" +
        ".badge{display:inline-block;padding:0 .55rem;border-radius:1rem;font-size:.85rem;font-weight:600;border:1px solid var(--line);background:var(--card)}" +
        ".status-completed,.status-succeeded,.status-approved,.kind-added{color:var(--ok);border-color:var(--ok)}" +
        ".status-failed,.status-cancelled,.kind-removed{color:var(--bad);border-color:var(--bad)}" +
        ".status-executing,.status-running,.status-pendingapproval,.kind-changed{color:var(--accent);border-color:var(--accent)}" +
        ".status-awaitingapproval,.risk-write{color:var(--warn);border-color:var(--warn)}.risk-destructive{color:var(--bad);border-color:var(--bad)}" +
        ".held{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid var(--warn);background:var(--bg)}" +
        ".status-draft,.status-skipped,.status-pending{color:var(--muted)}" +
        ".recovery-kept{color:var(--ok);border-color:var(--ok)}.recovery-again{color:var(--warn);border-color:var(--warn)}" +
        ".notice{margin:1rem 0;padding:.75rem 1rem;border-left:4px solid var(--accent);border-radius:4px;background:var(--card)}" +
        ".notice.success{border-color:var(--ok)}.notice.warning{border-color:var(--warn)}.notice.error{border-color:var(--bad)}" +
        ".description{white-space:pre-wrap;font-size:1.05rem}" +
        ".step,.change{margin:.75rem 0;padding:.75rem;border:1px solid var(--line);border-radius:6px;background:var(--card)}" +
        ".step h3{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}" +
        "dl{margin:.25rem 0;display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem}dt{color:var(--muted)}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}" +
        "pre{margin:.25rem 0;padding:.5rem;max-height:24rem;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem;background:var(--bg);border:1px solid var(--line);border-radius:4px}" +
        "code{font-size:.9em;overflow-wrap:anywhere}" +
        "table{width:100%;border-collapse:collapse;margin:.25rem 0;font-size:.95rem}th,td{padding:.3rem .5rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}" +
        "th{color:var(--muted);font-weight:600}td{overflow-wrap:anywhere}td:first-child{overflow-wrap:break-word}" +
        ".history{list-style:none;padding:0;margin:0}.history li{padding:.4rem 0;border-bottom:1px solid var(--line);overflow-wrap:break-word}" +
        ".history time{margin-right:.5rem;color:var(--muted);white-space:nowrap}.history .note{display:block}" +
        "td pre{margin:0}del{color:var(--bad)}ins{color:var(--ok);text-decoration:none}" +
        ".decide{display:grid;gap:1rem}" +
        "form{padding:.75rem;border:1px solid var(--line);border-radius:6px}form.chosen{border-color:var(--accent);box-shadow:0 0 0 2px var(--accent)}" +
        "label{display:block;font-size:.9rem;color:var(--muted)}" +
        "textarea{width:100%;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:4px}" +
        "button{margin-top:.5rem;padding:.6rem 1.25rem;font:inherit;font-weight:600;color:#fff;border:0;border-radius:6px;cursor:pointer}" +
        ".approve button,.retry button{background:var(--ok)}.modify button,.skip button{background:var(--accent)}.reject button{background:var(--bad)}" +
        ".field-error{color:var(--bad);margin:.25rem 0}" +
        "footer{margin-top:2rem;font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}" +
        "@media (min-width:48rem){.decide{grid-template-columns:repeat(3,1fr)}}";
}
