using System.Net.Sockets;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExecutionPlans.Notifications.Email;

/// <summary>
/// Sends approval emails over SMTP: one message per approver that is an email address, each with that approver's
/// own signed links; follow-ups go to the requester too. Approvers that are not email addresses are skipped. A
/// server that cannot be reached, refuses the login or refuses a message throws <see cref="NotificationException"/>.
/// </summary>
internal sealed partial class EmailNotificationChannel(
    IOptions<EmailNotificationOptions> options,
    NotificationLinks links,
    ILogger<EmailNotificationChannel> logger) : INotificationChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<NotificationDelivery> SendAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new NotificationException("Email notifications are off: set Notifications:Email:SmtpHost and Notifications:Email:From.");
        }

        var (recipients, skipped) = Recipients(notification);
        if (recipients.Count == 0)
        {
            LogNobody(logger, notification.PlanId, skipped.Count);
            return new NotificationDelivery
            {
                Channel = ChannelName,
                Skipped = skipped,
                Detail = notification.AsksForDecision || notification.AsksForStep
                    ? $"No approver of plan {notification.PlanId} is an email address; no email sent."
                    : $"Neither the approvers nor the requester of plan {notification.PlanId} is an email address; no email sent.",
            };
        }

        // Links first: a missing signing key fails before any server is contacted.
        var sender = MailboxAddress.Parse(settings.From ?? throw new NotificationException("Notifications:Email:From is not set: the sender address of approval emails."));
        var letters = recipients.ConvertAll(recipient => (Recipient: recipient, Links: links.For(notification, recipient, ChannelName)));
        var server = $"{settings.SmtpHost}:{settings.SmtpPort}";
        var what = $"'{NotificationText.Title(notification.Kind)}' email for plan {notification.PlanId}";

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await ConnectAsync(client, settings, server, what, cancellationToken);
        var sent = new List<string>(recipients.Count);
        var failures = new List<string>();
        foreach (var (recipient, recipientLinks) in letters)
        {
            if (!client.IsConnected)
            {
                failures.Add($"{recipient}: not tried, the server closed the connection");
                continue;
            }

            using var message = ApprovalEmail.Create(notification, sender, recipient, recipientLinks);
            try
            {
                await client.SendAsync(message, cancellationToken);
                sent.Add(recipient);
            }
            catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
            {
                LogRefused(logger, exception, notification.PlanId, recipient, server);
                failures.Add($"{recipient}: {Describe(exception)}");
            }
        }

        await DisconnectAsync(client, server, cancellationToken);
        if (failures.Count > 0)
        {
            throw new NotificationException(
                $"Sending the {what} through the SMTP server {server} failed for {failures.Count} of {recipients.Count} recipients ({string.Join("; ", failures)})"
                + (sent.Count > 0 ? $"; it was sent to {string.Join(", ", sent)}." : "."));
        }

        LogSent(logger, sent.Count, notification.PlanId, notification.Version, server);
        return new NotificationDelivery
        {
            Channel = ChannelName,
            Sent = sent.Count,
            Recipients = sent,
            Skipped = skipped,
            Detail = $"Sent the {what} v{notification.Version} to {string.Join(", ", sent)} through {server}"
                + (skipped.Count > 0 ? $"; skipped {skipped.Count} approver(s) that are not email addresses." : "."),
        };
    }

    /// <summary>Who gets the email: the approvers that are email addresses, and on follow-ups (not checkpoints, which ask the approvers) the requester when it is one.</summary>
    internal static (List<string> Recipients, List<string> Skipped) Recipients(ApprovalNotification notification)
    {
        var recipients = new List<string>();
        var skipped = new List<string>();
        foreach (var approver in notification.Approvers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()))
        {
            if (!ApprovalEmail.IsEmailAddress(approver))
            {
                skipped.Add(approver);
            }
            else if (!recipients.Contains(approver, StringComparer.OrdinalIgnoreCase))
            {
                recipients.Add(approver);
            }
        }

        var requester = notification.RequestedBy?.Trim();
        if (!notification.AsksForDecision && !notification.AsksForStep && ApprovalEmail.IsEmailAddress(requester) && !recipients.Contains(requester!, StringComparer.OrdinalIgnoreCase))
        {
            recipients.Add(requester!);
        }

        return (recipients, skipped);
    }

    private async Task ConnectAsync(SmtpClient client, EmailNotificationOptions settings, string server, string what, CancellationToken cancellationToken)
    {
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTlsWhenAvailable;
        try
        {
            await client.ConnectAsync(settings.SmtpHost!.Trim(), settings.SmtpPort, security, cancellationToken);
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            throw new NotificationException($"Could not send the {what}: connecting to the SMTP server {server} failed: {Describe(exception)}", exception);
        }

        if (string.IsNullOrWhiteSpace(settings.UserName))
        {
            return;
        }

        try
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            await DisconnectAsync(client, server, cancellationToken);
            throw new NotificationException(
                $"Could not send the {what}: the SMTP server {server} refused the login of {settings.UserName} (Notifications:Email:UserName and Password): {Describe(exception)}", exception);
        }
    }

    private async Task DisconnectAsync(SmtpClient client, string server, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            // The messages are handed over already; a failed goodbye changes nothing for them.
            LogQuitFailed(logger, exception, server);
        }
    }

    private static bool IsSmtpFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SocketException or IOException or TimeoutException or ProtocolException or CommandException
            or AuthenticationException or SslHandshakeException or NotSupportedException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {NotificationText.OneLine(command.Message)}",
        OperationCanceledException => "timed out (Notifications:Email:Timeout)",
        _ => NotificationText.OneLine(exception.Message),
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Sent {Count} approval email(s) for plan {PlanId} v{Version} through {Server}")]
    private static partial void LogSent(ILogger logger, int count, string planId, int version, string server);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Plan {PlanId}: no email sent, none of its recipients is an email address ({Skipped} skipped)")]
    private static partial void LogNobody(ILogger logger, string planId, int skipped);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Plan {PlanId}: the SMTP server {Server} did not take the email to {Recipient}")]
    private static partial void LogRefused(ILogger logger, Exception exception, string planId, string recipient, string server);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Closing the connection to the SMTP server {Server} failed after sending")]
    private static partial void LogQuitFailed(ILogger logger, Exception exception, string server);
}
