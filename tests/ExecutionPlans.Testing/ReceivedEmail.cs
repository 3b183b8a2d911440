using MimeKit;

namespace ExecutionPlans.Testing;

/// <summary>A message the test SMTP server accepted: its envelope recipients and the parsed message.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string Text => Message.TextBody ?? throw new InvalidOperationException("The message has no plain-text part.");

    public string Html => Message.HtmlBody ?? throw new InvalidOperationException("The message has no HTML part.");
}
