using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace ExecutionPlans.Notifications.Email;

/// <summary>Approval emails over SMTP, bound from the <c>Notifications:Email</c> configuration section.</summary>
public sealed class EmailNotificationOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Notifications:Email";

    /// <summary>The SMTP server's host name. Absent: no email notifications.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>The SMTP server's port (default 587, submission).</summary>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>
    /// Whether to encrypt (default true): STARTTLS when the server offers it, or TLS from the first byte on port 465.
    /// False sends in the clear.
    /// </summary>
    public bool UseTls { get; set; } = true;

    /// <summary>The user to log in as; absent: no login.</summary>
    public string? UserName { get; set; }

    /// <summary>The password for <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, as an address (<c>plans@contoso.com</c>) or with a name (<c>Plans &lt;plans@contoso.com&gt;</c>). Required with <see cref="SmtpHost"/>.</summary>
    public string? From { get; set; }

    /// <summary>How long one SMTP operation (connect, login, send) may take (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether email notifications are on: <see cref="SmtpHost"/> is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult(
                "Notifications:Email:From is required when Notifications:Email:SmtpHost is set: the sender address of approval emails (plans@contoso.com).",
                [nameof(From)]);
        }
        else if (!MailboxAddress.TryParse(From, out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult(
                $"Notifications:Email:From '{From}' is not an email address (plans@contoso.com, or Plans <plans@contoso.com>).",
                [nameof(From)]);
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(UserName))
        {
            yield return new ValidationResult(
                "Notifications:Email:Password is set without Notifications:Email:UserName; set both to log in, or neither.",
                [nameof(UserName)]);
        }
    }
}
