using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Review;

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
            Term(html, "This link is for", link.StepId is { } linkStep ? $"{link.Approver}, step {linkStep} of version {link.Version}" : $"{link.Approver}, version {link.Version}");
        }

        if (view.Risk is { } risk)
        {
            html.Append("<dt>Risk</dt><dd><span id=\"plan-risk\" class=\"badge risk-").Append(risk.ToWireName()).Append("\">").Append(risk.ToWireName()).Append("</span></dd>\n");
        }

        if (view.Approvals is { } approvals)
        {
            html.Append("<dt>Approvals</dt><dd id=\"plan-approvals\">").Append(Text(approvals.Progress)).Append("</dd>\n");
        }

        if (view.PlanHash is { } hash)
        {
            html.Append("<dt>Plan hash</dt><dd><code id=\"plan-hash\" title=\"").Append(Text(hash)).Append("\">").Append(Text(PlanHash.Abbreviate(hash))).Append("</code></dd>\n");
        }

        if (view.Status == PlanStatus.PendingApproval && view.ApprovalExpiresAt is { } expires)
        {
            Term(html, "Awaits a decision until", ReviewPageAccess.Time(expires));
        }

        if (view.Status == PlanStatus.Failed && view.RecoverableUntil is { } recoverable)
        {
            Term(html, "Can be recovered until", ReviewPageAccess.Time(recoverable));
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

    private static void Steps(StringBuilder html, PlanView view)
    {
        html.Append("<section id=\"steps\">\n<h2>Steps (").Append(view.Steps.Count).Append(")</h2>\n");
        if (view.Steps.Count == 0)
        {
            html.Append("<p class=\"muted\">No steps yet.</p>\n");
        }

        var recovering = view.Status == PlanStatus.Failed && view.RecoverableUntil is not null;
        if (recovering)
        {
            Recovery(html, view);
        }

        var runsAfter = StepDependencies.Describe(view.ToPlan());
        for (var i = 0; i < view.Steps.Count; i++)
        {
            var step = view.Steps[i];
            html.Append("<article class=\"step\" id=\"step-").Append(i + 1).Append("\">\n<h3><span>").Append(i + 1).Append(".</span> <code>")
                .Append(Text(step.Id)).Append("</code> <span class=\"badge\">").Append(Text(step.ToolName)).Append("</span> <span class=\"badge step-status status-")
                .Append(step.Status.ToString().ToLowerInvariant()).Append("\">").Append(step.Status.ToWireName()).Append("</span>");
            if (step.Risk is { } risk)
            {
                html.Append(" <span class=\"badge step-risk risk-").Append(risk.ToWireName()).Append("\">").Append(risk.ToWireName()).Append("</span>");
            }

            if (step.Checkpoint)
            {
                html.Append(" <span class=\"badge step-checkpoint\">checkpoint</span>");
            }
            if (recovering)
            {
                html.Append(PlanStateMachine.KeptOnRetry(step.Status)
                    ? " <span class=\"badge recovery recovery-kept\">kept</span>"
                    : " <span class=\"badge recovery recovery-again\">runs again</span>");
            }

            html.Append("</h3>\n");
            html.Append("<p class=\"description\">").Append(Text(step.Description)).Append("</p>\n<dl>\n");
            Term(html, "Input", step.Input);
            Term(html, "Runs after", runsAfter[i]);
            html.Append("</dl>\n");
            Parameters(html, step.Parameters);
            if (view.Checkpoints?.Find(c => c.StepId == step.Id) is { } held)
            {
                Held(html, step, held);
            }

            if (step.Output is { } output)
            {
                html.Append("<p class=\"muted\">Output").Append(step.OutputTruncated ? " (cut short)" : string.Empty).Append("</p>\n<pre class=\"output\">")
                    .Append(Text(Readable(output))).Append("</pre>\n");
            }

            if (step.Error is { } error)
            {
                html.Append("<p class=\"field-error\">").Append(Text(error)).Append("</p>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>A step held at its checkpoint: who must confirm it, until when, and the parameters it runs with, references filled in.</summary>
    private static void Held(StringBuilder html, ExecutionStep step, PlanCheckpoint checkpoint)
    {
        html.Append("<div class=\"held\" id=\"checkpoint-").Append(Text(step.Id)).Append("\">\n<p><strong>Waits at its checkpoint</strong> for confirmation until ")
            .Append(Text(ReviewPageAccess.Time(checkpoint.ExpiresAt))).Append(" · approvals <span class=\"checkpoint-approvals\">").Append(Text(checkpoint.Approvals.Progress))
            .Append("</span></p>\n<p class=\"muted\">Runs with</p>\n");
        Parameters(html, step.ResolvedParameters ?? step.Parameters);
        html.Append("</div>\n");
    }

    /// <summary>What recovering the failed plan does with its steps: a retry keeps the succeeded ones and runs the rest again.</summary>
    private static void Recovery(StringBuilder html, PlanView view)
    {
        var kept = view.Steps.Where(step => PlanStateMachine.KeptOnRetry(step.Status)).Select(step => step.Id).ToList();
        var again = view.Steps.Where(step => !PlanStateMachine.KeptOnRetry(step.Status)).Select(step => step.Id).ToList();
        html.Append("<div id=\"recovery\" class=\"notice warning\">\n<p><strong>On retry</strong>, ")
            .Append(kept.Count == 0 ? "no step is kept" : $"{Count(kept.Count)} {(kept.Count == 1 ? "is" : "are")} kept with {(kept.Count == 1 ? "its output" : "their outputs")} and not called again")
            .Append(" and ").Append(Count(again.Count)).Append(again.Count == 1 ? " runs" : " run").Append(" again.</p>\n<dl>\n");
        Term(html, "Kept", string.Join(", ", kept));
        Term(html, "Run again", string.Join(", ", again));
        html.Append("</dl>\n<p class=\"muted\">A change (Request changes) makes a new version that keeps the succeeded steps it leaves as they are, and needs approval again.</p>\n</div>\n");

        static string Count(int n) => n == 1 ? "1 step" : $"{n} steps";
    }

    private static void Parameters(StringBuilder html, JsonObject? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            html.Append("<p class=\"muted\">No parameters.</p>\n");
            return;
        }

        var sources = StepReferences.SourcesByParameter(parameters);
        html.Append("<table class=\"parameters\"><tr><th>Parameter</th><th>Value</th></tr>\n");
        foreach (var (name, value) in parameters)
        {
            html.Append("<tr><td><code>").Append(Text(name)).Append("</code>");
            if (sources.TryGetValue(name, out var source))
            {
                // Where the value comes from once the earlier steps have run.
                html.Append(" <span class=\"muted\">← ").Append(Text(source)).Append("</span>");
            }

            html.Append("</td><td>");
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
            .Concat(view.Decisions.Select(d => (d.At, What: DecisionWhat(d),
                d.By, Note: (string?)string.Join(" ", new[] { d.Comment, d.Detail }.Where(t => !string.IsNullOrWhiteSpace(t))), Mine: linkDecisionId is not null && d.DecisionId == linkDecisionId)))
            .OrderBy(e => e.At)
            .ToList();
        html.Append("<section id=\"history\">\n<h2>History</h2>\n");
        if (entries.Count == 0)
        {
            html.Append("<p class=\"muted\">Nothing yet.</p>\n</section>\n");
            return;
        }

        html.Append("<ol class=\"history\">\n");
        foreach (var entry in entries)
        {
            html.Append("<li><time datetime=\"").Append(Text(entry.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))).Append("\">")
                .Append(Text(ReviewPageAccess.Time(entry.At))).Append("</time><strong>").Append(Text(entry.What)).Append("</strong>");
            if (!string.IsNullOrWhiteSpace(entry.By))
            {
                html.Append(" by ").Append(Text(entry.By));
            }

            if (entry.Mine)
            {
                html.Append(" <span class=\"badge\">this link</span>");
            }

            if (!string.IsNullOrWhiteSpace(entry.Note))
            {
                html.Append("<span class=\"note\">").Append(Text(entry.Note)).Append("</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static string DecisionWhat(PlanDecision decision)
    {
        var what = decision.Kind == DecisionKind.Timeout
            ? $"no decision on version {decision.PlanVersion} in time"
            : decision.StepId is { } stepId
                ? $"{ReviewPageActions.Verb(decision.Kind)} step {stepId} of version {decision.Version ?? decision.PlanVersion}"
                : $"{ReviewPageActions.Verb(decision.Kind)} version {decision.Version ?? decision.PlanVersion}";
        return decision.Outcome == DecisionOutcome.Applied ? what : $"{what} ({decision.Outcome.ToString().ToLowerInvariant()})";
    }

    /// <summary>A step's output, indented when it is JSON (tools often answer JSON on one line).</summary>
    private static string Readable(string output)
    {
        var trimmed = output.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return output;
        }

        try
        {
            return JsonNode.Parse(output)?.ToJsonString(IndentedJson) ?? output;
        }
        catch (JsonException)
        {
            // Output that only looks like JSON (or was cut short) is shown as it is.
            return output;
        }
    }

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Append("<dt>").Append(Text(term)).Append("</dt><dd>").Append(Text(value)).Append("</dd>\n");
        }
    }
}
