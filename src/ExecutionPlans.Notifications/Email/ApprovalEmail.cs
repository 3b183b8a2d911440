using System.Globalization;
using System.Net.Mail;
using ExecutionPlans.Workflow.Contracts;
using MimeKit;

namespace ExecutionPlans.Notifications.Email;

/// <summary>
/// Writes one notification email for one recipient: <c>multipart/alternative</c> with a plain-text part and an
/// HTML part in which every piece of plan text is HTML-encoded. Each step says what it runs after and where its
/// referenced values come from (<see cref="NotificationGraph"/>).
/// </summary>
internal static partial class ApprovalEmail
{
    private const int MaxSubjectDescriptionChars = 120;
    private const int MaxDescriptionChars = 4000;
    private const int MaxStepTextChars = 1000;
    private const int MaxParametersChars = 1000;
    private const int MaxOutputChars = 300;
    private const int MaxValueChars = 200;

    /// <summary>Whether an approver entry is a bare email address (<c>alice@contoso.com</c>), so email can reach it.</summary>
    public static bool IsEmailAddress(string? entry) =>
        !string.IsNullOrWhiteSpace(entry)
        && MailAddress.TryCreate(entry, out var address)
        && string.Equals(address.Address, entry, StringComparison.Ordinal)
        && address.DisplayName.Length == 0;

    /// <summary>The subject: <c>Approval requested: Restart the API (v2)</c>.</summary>
    public static string Subject(ApprovalNotification notification)
    {
        var description = NotificationText.OneLine(notification.Description);
        var about = description.Length == 0 ? $"plan {notification.PlanId}" : NotificationText.Cut(description, MaxSubjectDescriptionChars);
        var step = notification.AsksForStep ? $", step {NotificationText.Cut(NotificationText.OneLine(notification.StepId), 60)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{NotificationText.SubjectPrefix(notification.Kind)}: {about} (v{notification.Version}{step})");
    }

    /// <summary>The message to one recipient.</summary>
    public static MimeMessage Create(ApprovalNotification notification, MailboxAddress from, string recipient, ReviewLinks? links)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = Subject(notification);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder
        {
            TextBody = Text(notification, recipient, links),
            HtmlBody = Html(notification, recipient, links),
        }.ToMessageBody();
        return message;
    }

    private static string Description(ApprovalNotification notification) =>
        string.IsNullOrWhiteSpace(notification.Description) ? "(no description)" : NotificationText.Cut(notification.Description.Trim(), MaxDescriptionChars);

    private static string RequestedBy(ApprovalNotification notification) =>
        string.IsNullOrWhiteSpace(notification.RequestedBy) ? "unknown" : NotificationText.OneLine(notification.RequestedBy);

    private static string LinkNotice(ApprovalNotification notification, ReviewLinks links) =>
        links.Decide
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"These links are for {links.Approver} only: a decision made with them is recorded as theirs. They decide once, on {(notification.AsksForStep ? $"step {NotificationText.OneLine(notification.StepId)} of " : string.Empty)}version {notification.Version}, and stop working when the plan changes or at {NotificationText.Time(links.ExpiresAt)}. Do not forward this email.")
            : $"This link is for {links.Approver} only and shows how the plan ended.";

    /// <summary>Whether the email asks its reader to choose: on the version, or on a step at its checkpoint.</summary>
    private static bool AsksForChoice(ApprovalNotification notification) => notification.AsksForDecision || notification.AsksForStep;

    /// <summary>"http_request, destructive, checkpoint".</summary>
    private static string StepTool(NotificationStep step) =>
        string.Join(", ", [NotificationText.OneLine(step.ToolName), .. NotificationText.Marks(step)]);
}
