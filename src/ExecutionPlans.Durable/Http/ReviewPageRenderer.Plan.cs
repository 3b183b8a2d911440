using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Durable.Workflow;
using ExecutionPlans.Model;

namespace ExecutionPlans.Durable.Http;

/// <summary>The plan's sections: description, what changed, steps with their live status, and history.</summary>
internal static partial class ReviewPageRenderer
{
    // Relaxed JSON escaping keeps "<" readable; the page HTML-encodes the JSON text afterwards.
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Plan(StringBuilder html, ReviewPage page, PlanView view)
    {
        html.Append("<section id=\"plan\">\n<h2>The plan</h2>\n<p id=\"plan-description\" class=\"description\">").Append(Text(view.Description)).Append("</p>\n<dl>\n");
        Term(html, "Requested by", view.RequestedBy);
        Term(html, "Approvers", view.Approvers.Count == 0 ? "anyone with a link" : string.Join(", ", view.Approvers));
        if (page.Link is { } link)
        {
            Term(html, "This link is for", $"{link.Approver}, version {link.Version}");
        }

        if (view.Status == PlanStatus.PendingApproval && view.ApprovalExpiresAt is { } expires)
        {
            Term(html, "Awaits a decision until", ReviewPageAccess.Time(expires));
        }

        Term(html, "Error", view.Error);
        html.Append("</dl>\n");
        if (view.Truncated)
        {
            html.Append("<p class=\"muted\">Parts of this plan were shortened to keep its status small.</p>\n");
        }

        html.Append("</section>\n");
        Changes(html, view);
        Steps(html, view);
        if (page.Form is { } form)
        {
            Forms(html, form);
        }

        History(html, view, page.Link?.DecisionId);
        html.Append("<footer>Plan <code>").Append(Text(view.Id)).Append("</code> · created ").Append(Text(ReviewPageAccess.Time(view.CreatedAt)))
            .Append(" · updated ").Append(Text(ReviewPageAccess.Time(view.UpdatedAt))).Append("</footer>\n");
    }

    private static void Changes(StringBuilder html, PlanView view)
    {
        html.Append("<section id=\"changes\">\n<h2>What changed</h2>\n");
        if (view.Revisions.LastOrDefault(r => r.Version == view.Version && r.Action == RevisionAction.Modified) is { } revision
            && !string.IsNullOrWhiteSpace(revision.Feedback))
        {
            html.Append("<p>Asked for").Append(revision.By is null ? string.Empty : " by " + Text(revision.By)).Append(": <q>")
                .Append(Text(revision.Feedback)).Append("</q></p>\n");
        }

        if (view.PreviousVersion is not { } previous)
        {
            html.Append("<p id=\"diff-summary\">").Append(view.Version <= 1
                ? "This is the first version of the plan."
                : $"Version {view.Version} replaced an earlier version, which is no longer kept.").Append("</p>\n</section>\n");
            return;
        }

        var diff = ReviewPageDiff.Compare(previous, view.Description, view.Steps);
        html.Append("<p id=\"diff-summary\">Compared with version ").Append(diff.FromVersion).Append(": ")
            .Append(Summary(diff)).Append("</p>\n");
        if (diff.Description is { } description)
        {
            html.Append("<div class=\"change\"><span class=\"badge kind-changed\">changed</span> the plan's description\n");
            FieldTable(html, [description]);
            html.Append("</div>\n");
        }

        foreach (var change in diff.Steps)
        {
            var kind = change.Kind.ToString().ToLowerInvariant();
            var badge = change.Kind == ReviewPageChangeKind.Changed && change.Fields.Count == 0 ? "moved" : kind;
            html.Append("<div class=\"change\"><span class=\"badge kind-").Append(kind).Append("\">").Append(badge).Append("</span> step <code>")
                .Append(Text(change.StepId)).Append("</code> <span class=\"muted\">").Append(Text(change.Step.ToolName)).Append("</span>");
            switch (change.Kind)
            {
                case ReviewPageChangeKind.Added:
                    html.Append(", now step ").Append(change.NewPosition).Append(": ").Append(Text(change.Step.Description));
                    break;
                case ReviewPageChangeKind.Removed:
                    html.Append(", was step ").Append(change.OldPosition).Append(": ").Append(Text(change.Step.Description));
                    break;
                default:
                    if (change.Moved)
                    {
                        html.Append(", moved from step ").Append(change.OldPosition).Append(" to step ").Append(change.NewPosition);
                    }

                    break;
            }

            html.Append('\n');
            if (change.Fields.Count > 0)
            {
                FieldTable(html, change.Fields);
            }

            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void FieldTable(StringBuilder html, IReadOnlyList<ReviewPageFieldChange> fields)
    {
        html.Append("<table><tr><th>Field</th><th>Before</th><th>Now</th></tr>\n");
        foreach (var field in fields)
        {
            html.Append("<tr><td><code>").Append(Text(field.Field)).Append("</code></td><td>")
                .Append(field.Old is null ? "<span class=\"muted\">(absent)</span>" : $"<del>{Text(field.Old)}</del>").Append("</td><td>")
                .Append(field.New is null ? "<span class=\"muted\">(absent)</span>" : $"<ins>{Text(field.New)}</ins>").Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Steps(StringBuilder html, PlanView view)
    {
        html.Append("<section id=\"steps\">\n<h2>Steps (").Append(view.Steps.Count).Append(")</h2>\n");
        if (view.Steps.Count == 0)
        {
            html.Append("<p class=\"muted\">No steps yet.</p>\n");
        }

        for (var i = 0; i < view.Steps.Count; i++)
        {
            var step = view.Steps[i];
            html.Append("<article class=\"step\" id=\"step-").Append(i + 1).Append("\">\n<h3><span>").Append(i + 1).Append(".</span> <code>")
                .Append(Text(step.Id)).Append("</code> <span class=\"badge\">").Append(Text(step.ToolName)).Append("</span> <span class=\"badge step-status status-")
                .Append(step.Status.ToString().ToLowerInvariant()).Append("\">").Append(step.Status.ToString().ToLowerInvariant()).Append("</span></h3>\n");
            html.Append("<p class=\"description\">").Append(Text(step.Description)).Append("</p>\n<dl>\n");
            Term(html, "Input", step.Input);
            html.Append("</dl>\n");
            Parameters(html, step.Parameters);
            if (step.Output is { } output)
            {
                html.Append("<p class=\"muted\">Output").Append(step.OutputTruncated ? " (cut short)" : string.Empty).Append("</p>\n<pre class=\"output\">")
                    .Append(Text(output)).Append("</pre>\n");
            }

            if (step.Error is { } error)
            {
                html.Append("<p class=\"field-error\">").Append(Text(error)).Append("</p>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
    }

    private static void Parameters(StringBuilder html, JsonObject? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            html.Append("<p class=\"muted\">No parameters.</p>\n");
            return;
        }

        html.Append("<table class=\"parameters\"><tr><th>Parameter</th><th>Value</th></tr>\n");
        foreach (var (name, value) in parameters)
        {
            html.Append("<tr><td><code>").Append(Text(name)).Append("</code></td><td>");
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && !s.Contains('\n', StringComparison.Ordinal))
            {
                html.Append("<code>").Append(Text(s)).Append("</code>");
            }
            else
            {
                var shown = value is JsonValue multiline && multiline.TryGetValue<string>(out var lines) ? lines : value?.ToJsonString(IndentedJson) ?? "null";
                html.Append("<pre>").Append(Text(shown)).Append("</pre>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void History(StringBuilder html, PlanView view, string? linkDecisionId)
    {
        var entries = view.Revisions
            .Select(r => (r.At, What: $"version {r.Version} {r.Action.ToString().ToLowerInvariant()}", r.By, Note: r.Feedback, Mine: false))
            .Concat(view.Decisions.Select(d => (d.At, What: $"{d.Kind.ToString().ToLowerInvariant()} ({d.Outcome.ToString().ToLowerInvariant()}), version {d.Version ?? d.PlanVersion}",
                d.By, Note: (string?)string.Join(" ", new[] { d.Comment, d.Detail }.Where(t => !string.IsNullOrWhiteSpace(t))), Mine: linkDecisionId is not null && d.DecisionId == linkDecisionId)))
            .OrderBy(e => e.At)
            .ToList();
        html.Append("<section id=\"history\">\n<h2>History</h2>\n");
        if (entries.Count == 0)
        {
            html.Append("<p class=\"muted\">Nothing yet.</p>\n</section>\n");
            return;
        }

        html.Append("<table><tr><th>When</th><th>What</th><th>Who</th><th>Note</th></tr>\n");
        foreach (var entry in entries)
        {
            html.Append("<tr><td>").Append(Text(ReviewPageAccess.Time(entry.At))).Append("</td><td>").Append(Text(entry.What))
                .Append(entry.Mine ? " <span class=\"badge\">this link</span>" : string.Empty).Append("</td><td>")
                .Append(Text(entry.By)).Append("</td><td>").Append(Text(entry.Note)).Append("</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Append("<dt>").Append(Text(term)).Append("</dt><dd>").Append(Text(value)).Append("</dd>\n");
        }
    }

    private static string Summary(ReviewPageDiff diff)
    {
        if (!diff.HasChanges)
        {
            return "nothing changed.";
        }

        var parts = new List<string>();
        if (diff.Description is not null)
        {
            parts.Add("the description");
        }

        if (diff.Steps.Count > 0)
        {
            parts.Add(diff.Steps.Count == 1 ? "1 step" : $"{diff.Steps.Count} steps");
        }

        return string.Join(" and ", parts) + " changed.";
    }
}
