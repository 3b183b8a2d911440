using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ExecutionPlans.Testing;

/// <summary>Keeps every message the SMTP server accepts, parsed.</summary>
public sealed class CapturingMessageStore : MessageStore
{
    private readonly ConcurrentQueue<ReceivedEmail> messages = new();

    public IReadOnlyList<ReceivedEmail> Messages => [.. messages];

    public override async Task<SmtpResponse> SaveAsync(
        ISessionContext context,
        IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        messages.Enqueue(new ReceivedEmail([.. transaction.To.Select(to => to.AsAddress())], message));
        return SmtpResponse.Ok;
    }
}
