using System.Text;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Review;

/// <summary>The "what changed" section: the previous version against the current one.</summary>
internal static partial class ReviewPageRenderer
{
    private static void Changes(StringBuilder html, PlanView view)
    {
        html.Append("<section id=\"changes\">\n<h2>What changed</h2>\n");
        if (view.Revisions.LastOrDefault(r => r.Version == view.Version && r.Action == RevisionAction.Modified) is { } revision
            && !string.IsNullOrWhiteSpace(revision.Feedback))
        {
            html.Append("<p>Changes requested").Append(revision.By is null ? string.Empty : " by " + Text(revision.By)).Append(": <q>")
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
