using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace ExecutionPlans.Testing;

/// <summary>Refuses the recipients it is told to (all of them when given none), so the server answers 5xx to them.</summary>
public sealed class RejectingMailboxFilter(params string[] refused) : MailboxFilter
{
    public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
        Task.FromResult(refused.Length > 0 && !refused.Contains(to.AsAddress(), StringComparer.OrdinalIgnoreCase));
}
