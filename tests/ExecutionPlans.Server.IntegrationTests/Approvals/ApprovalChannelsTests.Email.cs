using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>The email channel: a real SMTP server on the loopback address, and one where nothing listens.</summary>
public sealed partial class ApprovalChannelsTests
{
    private const string Carol = "carol@example.com";

    [Fact]
    public async Task Email_ApproveLinkFollowedAndFormPosted_PlanCompletesDecidedByTheRecipient()
    {
        // Arrange
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var server = await ServerProcess.StartAsync(Email(smtp.Port).With("Approvals__DefaultApprovers__0", Carol));
        var scope = StepEndpoint.NewScope();
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Purge the CDN cache", ("purge", steps.Url(scope + "/purge")))));
        var mail = await smtp.WaitForMessageAsync(Subject(ApprovalRequested), "asking for approval");
        var approve = ApproveLink(mail.Text);
        using var browser = new ReviewPageClient();

        // Act
        var page = await browser.OpenAsync(approve);
        using var posted = await browser.SubmitAsync(page, "approve");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);
        var outcome = await smtp.WaitForMessageAsync(Subject(Completed), "saying the plan completed");

        // Assert: the message went to carol, in plain text and HTML, with links to this server's review page.
        Assert.Equal([Carol], mail.EnvelopeTo);
        Assert.Contains("Purge the CDN cache", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Purge the CDN cache", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"api/plans/{created.Id}/review?token=", mail.Html, StringComparison.Ordinal);
        Assert.StartsWith($"{server.BaseAddress}api/plans/{created.Id}/review?token=", approve.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("&action=approve", approve.AbsoluteUri, StringComparison.Ordinal);

        // Assert: the page took the form and the plan ran, decided by carol.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Purge the CDN cache", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal(Carol, decision.By);
        Assert.Single(steps.CallsTo(scope + "/purge"));
        Assert.Equal([Carol], outcome.EnvelopeTo);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Email_NothingListensOnTheSmtpPort_RecordsTheFailureAndThePlanCanStillBeApproved()
    {
        // Arrange
        var port = LoopbackPort.Free();
        await using var server = await ServerProcess.StartAsync(Email(port)
            .With("Approvals__DefaultApprovers__0", Carol)
            .With("Approvals__TrustAppServiceAuthentication", "true"));
        var scope = StepEndpoint.NewScope();
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Renew the TLS certificate", ("renew", steps.Url(scope + "/renew")))));

        // Act
        var waiting = await server.Api.WaitUntilAsync(created.Id, view => view.Notifications.Count == 1, "with the approval email recorded");
        await server.Api.DecideAcceptedAsAsync(Carol, created.Id, "approve", """{"version": 1}""");
        var done = await server.Api.WaitUntilAsync(
            created.Id, view => view.Status == PlanStatus.Completed && view.Notifications.Count == 2, "completed, with the outcome email recorded");

        // Assert: the failure is recorded with the server it could not reach, and the plan waited for a decision.
        Assert.Equal(PlanStatus.PendingApproval, waiting.Status);
        var request = Assert.Single(waiting.Notifications);
        Assert.Equal(("email", NotificationKind.ApprovalRequested, false), (request.Channel, request.Kind, request.Delivered));
        Assert.Contains($"127.0.0.1:{port}", request.Detail, StringComparison.Ordinal);

        // Assert: approved through the API by carol, it ran; the outcome email failed the same way, and changed nothing.
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal(Carol, done.Decisions[0].By);
        Assert.Single(steps.CallsTo(scope + "/renew"));
        Assert.Equal((NotificationKind.Completed, false), (done.Notifications[1].Kind, done.Notifications[1].Delivered));
        PlanAssert.Consistent(done);
    }

    /// <summary>A server whose links lead back to itself, sending email in the clear to 127.0.0.1 on <paramref name="smtpPort"/>.</summary>
    private static ServerSettings Email(int smtpPort) => WithLinks()
        .With("Notifications__Email__SmtpHost", "127.0.0.1")
        .With("Notifications__Email__SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture))
        .With("Notifications__Email__From", "Plans <plans@example.com>")
        .With("Notifications__Email__UseTls", "false");

    private static Func<ReceivedEmail, bool> Subject(string title) =>
        mail => mail.EnvelopeTo.Contains(Carol) && mail.Message.Subject?.StartsWith(title + ":", StringComparison.Ordinal) == true;

    private static Uri ApproveLink(string text) =>
        ApproveLinePattern().Match(text) is { Success: true } match
            ? new Uri(match.Groups["url"].Value)
            : throw new InvalidOperationException($"The message has no Approve link:\n{text}");

    [GeneratedRegex(@"^Approve: (?<url>\S+)", RegexOptions.Multiline)]
    private static partial Regex ApproveLinePattern();
}
