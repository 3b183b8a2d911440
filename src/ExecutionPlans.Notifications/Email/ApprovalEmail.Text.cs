using System.Globalization;
using System.Text;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.Email;

/// <summary>The plain-text part.</summary>
internal static partial class ApprovalEmail
{
    private static string Text(ApprovalNotification notification, string recipient, ReviewLinks? links)
    {
        var text = new StringBuilder();
        var title = NotificationText.Title(notification.Kind);
        text.AppendLine(title).AppendLine(new string('=', title.Length)).AppendLine();
        if (notification.Message is { } message)
        {
            text.AppendLine(NotificationText.Cut(message, MaxDescriptionChars)).AppendLine();
        }

        text.AppendLine(Description(notification)).AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Plan:          {notification.PlanId}").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Version:       {notification.Version}").AppendLine();
        if (!notification.AsksForDecision)
        {
            text.Append(CultureInfo.InvariantCulture, $"Status:        {NotificationText.Status(notification.Status)}").AppendLine();
        }

        foreach (var (name, value) in NotificationText.PolicyFacts(notification))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name + ":",-15}{NotificationText.OneLine(value)}").AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"Requested by:  {RequestedBy(notification)}").AppendLine();
        if (AsksForChoice(notification) && notification.ExpiresAt is { } expiresAt)
        {
            text.Append(CultureInfo.InvariantCulture, $"Expires:       {NotificationText.Time(expiresAt)}").AppendLine();
        }

        if (notification.OffersRecovery && notification.RecoverableUntil is { } until)
        {
            text.Append(CultureInfo.InvariantCulture, $"Recoverable:   until {NotificationText.Time(until)}").AppendLine();
        }

        if (!string.IsNullOrWhiteSpace(notification.Error))
        {
            text.Append(CultureInfo.InvariantCulture, $"Error:         {NotificationText.OneLine(notification.Error)}").AppendLine();
        }

        text.AppendLine().AppendLine(notification.Steps.Count == 1 ? "1 step" : $"{notification.Steps.Count} steps");
        var graph = NotificationGraph.Of(notification.Steps);
        foreach (var (step, index) in notification.Steps.Select((s, i) => (s, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{index + 1}. {NotificationText.OneLine(step.Id)} ({StepTool(step)})");
            if (!notification.AsksForDecision)
            {
                text.Append(CultureInfo.InvariantCulture, $": {NotificationText.Status(notification, step)}");
            }

            text.AppendLine();
            AppendIndented(text, null, NotificationText.Cut(NotificationText.OneLine(step.Description), MaxStepTextChars));
            AppendIndented(text, "Runs after: ", NotificationText.Cut(graph.RunsAfter(index), MaxStepTextChars));
            if (notification.AsksForDecision)
            {
                AppendIndented(text, "Parameters: ", step.Parameters.Count > 0 ? NotificationText.Parameters(step.Parameters, MaxParametersChars) : string.Empty);
            }

            AppendIndented(text, "Runs with: ", NotificationText.RunsWith(notification, step, MaxParametersChars) ?? string.Empty);
            foreach (var source in graph.Sources(index, withValues: !notification.AsksForDecision, MaxValueChars))
            {
                AppendIndented(text, null, NotificationText.Cut(source, MaxParametersChars));
            }

            if (!notification.AsksForDecision)
            {
                AppendIndented(text, "Output: ", NotificationText.Cut(NotificationText.OneLine(step.Output), MaxOutputChars));
                AppendIndented(text, "Error: ", NotificationText.Cut(NotificationText.OneLine(step.Error), MaxStepTextChars));
            }
        }

        if ((NotificationText.Recovery(notification) ?? NotificationText.Checkpoint(notification)) is { } next)
        {
            text.AppendLine().AppendLine(next);
        }

        if (links is not null)
        {
            text.AppendLine();
            foreach (var decision in links.Decisions)
            {
                text.Append(CultureInfo.InvariantCulture, $"{decision.Label}: {decision.Url.AbsoluteUri}").AppendLine();
            }

            text.Append(CultureInfo.InvariantCulture, $"{(links.Decide ? "Review" : "Open the plan")}: {links.Review.AbsoluteUri}").AppendLine();

            text.AppendLine().AppendLine(LinkNotice(notification, links));
        }

        text.AppendLine().Append(CultureInfo.InvariantCulture, $"Sent to {recipient} about plan {notification.PlanId}.").AppendLine();
        return text.ToString();
    }

    private static void AppendIndented(StringBuilder text, string? label, string value)
    {
        if (value.Length > 0)
        {
            text.Append("   ").Append(label).AppendLine(value);
        }
    }
}
