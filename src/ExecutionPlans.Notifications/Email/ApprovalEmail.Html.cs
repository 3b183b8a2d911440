using System.Globalization;
using System.Net;
using System.Text;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.Email;

/// <summary>The HTML part: every piece of plan text goes through <see cref="WebUtility.HtmlEncode(string)"/>.</summary>
internal static partial class ApprovalEmail
{
    private const string Muted = "color:#555";
    private const string Button = "display:inline-block;padding:8px 16px;margin:0 8px 8px 0;border-radius:4px;text-decoration:none;font-weight:600;";

    private static string Html(ApprovalNotification notification, string recipient, ReviewLinks? links)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>");
        html.Append("<body style=\"font-family:'Segoe UI',Arial,sans-serif;font-size:14px;color:#222;line-height:1.4\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"margin:0 0 12px\">{E(NotificationText.Title(notification.Kind))}</h2>");
        if (notification.Message is { } message)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"white-space:pre-wrap;font-size:15px\">{E(NotificationText.Cut(message, MaxDescriptionChars))}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"white-space:pre-wrap\">{E(Description(notification))}</p>");
        html.Append("<table style=\"border-collapse:collapse;margin-bottom:12px\">");
        Row(html, "Plan", notification.PlanId);
        Row(html, "Version", notification.Version.ToString(CultureInfo.InvariantCulture));
        if (!notification.AsksForDecision)
        {
            Row(html, "Status", NotificationText.Status(notification.Status));
        }

        foreach (var (name, value) in NotificationText.PolicyFacts(notification))
        {
            Row(html, name, NotificationText.OneLine(value));
        }

        Row(html, "Requested by", RequestedBy(notification));
        if (AsksForChoice(notification) && notification.ExpiresAt is { } expiresAt)
        {
            Row(html, "Expires", NotificationText.Time(expiresAt));
        }

        if (notification.OffersRecovery && notification.RecoverableUntil is { } until)
        {
            Row(html, "Recoverable until", NotificationText.Time(until));
        }

        if (!string.IsNullOrWhiteSpace(notification.Error))
        {
            Row(html, "Error", NotificationText.OneLine(notification.Error));
        }

        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"margin:12px 0 4px\">{(notification.Steps.Count == 1 ? "1 step" : $"{notification.Steps.Count} steps")}</h3><ol>");
        var graph = NotificationGraph.Of(notification.Steps);
        foreach (var (step, index) in notification.Steps.Select((s, i) => (s, i)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li style=\"margin-bottom:8px\"><strong>{E(step.Id)}</strong> &middot; <code>{E(step.ToolName)}</code>");
            foreach (var mark in NotificationText.Marks(step))
            {
                html.Append(CultureInfo.InvariantCulture, $" &middot; {E(mark)}");
            }

            if (!notification.AsksForDecision)
            {
                html.Append(CultureInfo.InvariantCulture, $" &middot; {E(NotificationText.Status(notification, step))}");
            }

            Line(html, null, NotificationText.Cut(NotificationText.OneLine(step.Description), MaxStepTextChars), monospace: false);
            Line(html, "Runs after: ", NotificationText.Cut(graph.RunsAfter(index), MaxStepTextChars), monospace: false);
            if (notification.AsksForDecision)
            {
                Line(html, "Parameters: ", step.Parameters.Count > 0 ? NotificationText.Parameters(step.Parameters, MaxParametersChars) : string.Empty, monospace: true);
            }

            if (NotificationText.RunsWith(notification, step, MaxParametersChars) is { } runsWith)
            {
                html.Append(CultureInfo.InvariantCulture, $"<br><strong>Runs with:</strong> <code>{E(runsWith)}</code>");
            }

            foreach (var source in graph.Sources(index, withValues: !notification.AsksForDecision, MaxValueChars))
            {
                Line(html, null, NotificationText.Cut(source, MaxParametersChars), monospace: true);
            }

            if (!notification.AsksForDecision)
            {
                Line(html, "Output: ", NotificationText.Cut(NotificationText.OneLine(step.Output), MaxOutputChars), monospace: true);
                Line(html, "Error: ", NotificationText.Cut(NotificationText.OneLine(step.Error), MaxStepTextChars), monospace: false);
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
        if ((NotificationText.Recovery(notification) ?? NotificationText.Checkpoint(notification)) is { } next)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(next)}</p>");
        }

        if (links is not null)
        {
            html.Append("<p style=\"margin:16px 0 8px\">");
            foreach (var decision in links.Decisions)
            {
                Link(html, decision.Label, decision.Url, decision.GoesAhead ? "background:#107c10;color:#fff" : decision.Ends ? "background:#c50f1f;color:#fff" : "background:#0f6cbd;color:#fff");
            }

            Link(html, links.Decide ? "Review" : "Open the plan", links.Review, "background:#edebe9;color:#222");

            html.Append(CultureInfo.InvariantCulture, $"</p><p style=\"{Muted};font-size:12px\">{E(LinkNotice(notification, links))}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"{Muted};font-size:12px\">Sent to {E(recipient)} about plan {E(notification.PlanId)}.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:2px 16px 2px 0;{Muted}\">{E(name)}</td><td>{E(value)}</td></tr>");

    private static void Line(StringBuilder html, string? label, string value, bool monospace)
    {
        if (value.Length > 0)
        {
            var style = monospace ? $"{Muted};font-family:Consolas,monospace;font-size:12px" : Muted;
            html.Append(CultureInfo.InvariantCulture, $"<br><span style=\"{style}\">{E(label)}{E(value)}</span>");
        }
    }

    private static void Link(StringBuilder html, string title, Uri url, string colors) =>
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(url.AbsoluteUri)}\" style=\"{Button}{colors}\">{E(title)}</a>");
}
