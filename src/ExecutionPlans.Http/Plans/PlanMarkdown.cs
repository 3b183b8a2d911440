using System.Text;
using ExecutionPlans.Formatting;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Plans;

/// <summary>A plan view as Markdown: the formatted plan, then its version and decisions.</summary>
internal static class PlanMarkdown
{
    public static string Format(PlanView view)
    {
        var markdown = new StringBuilder(ExecutionPlanFormatter.FormatExecutionPlan(view.ToPlan()).TrimEnd('\n'));
        markdown.Append("\n\nVersion: ").Append(view.Version);

        if (view.Decisions.Count > 0)
        {
            markdown.Append("\n\n## Decisions\n");
            foreach (var decision in view.Decisions)
            {
                markdown.Append("\n- ").Append(decision.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(' ').Append(decision.Kind.ToString().ToLowerInvariant())
                    .Append(" (").Append(decision.Outcome.ToString().ToLowerInvariant()).Append(')');
                if (decision.By is { } by)
                {
                    markdown.Append(" by ").Append(by);
                }

                if (decision.Comment is { } comment)
                {
                    markdown.Append(": ").Append(comment);
                }
            }
        }

        return markdown.Append('\n').ToString();
    }
}
