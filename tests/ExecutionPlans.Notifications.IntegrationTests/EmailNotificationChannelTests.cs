using System.Text.RegularExpressions;
using ExecutionPlans.Model;
using ExecutionPlans.Notifications.Email;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmtpServer.Storage;

namespace ExecutionPlans.Notifications.IntegrationTests;

public sealed partial class EmailNotificationChannelTests : IAsyncLifetime
{
    private static readonly Uri PublicBaseUrl = new("https://plans.contoso.test/");
    private TestSmtpServer? server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_SendsOneMessagePerEmailApprover()
    {
        var (channel, _) = await StartAsync();

        var delivery = await channel.SendAsync(
            TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test", "Teams channel", "bob@contoso.test", "carol", "ALICE@contoso.test"),
            CancellationToken.None);

        var messages = server!.Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal(["alice@contoso.test", "bob@contoso.test"], messages.Select(m => Assert.Single(m.EnvelopeTo)).Order());
        Assert.All(messages, m => Assert.Equal(Assert.Single(m.EnvelopeTo), Assert.Single(m.Message.To.Mailboxes).Address));
        Assert.All(messages, m => Assert.Equal("plans@contoso.test", Assert.Single(m.Message.From.Mailboxes).Address));
        Assert.All(messages, m => Assert.Equal("Approval requested: Restart the API (v2)", m.Message.Subject));
        Assert.Equal(("email", 2), (delivery.Channel, delivery.Sent));
        Assert.Equal(["alice@contoso.test", "bob@contoso.test"], delivery.Recipients);
        Assert.Equal(["Teams channel", "carol"], delivery.Skipped);
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_MessageIsMultipartAlternativeWithTextAndHtml()
    {
        var (channel, _) = await StartAsync();

        await channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test"), CancellationToken.None);

        var message = Assert.Single(server!.Messages);
        var body = Assert.IsType<MimeKit.MultipartAlternative>(message.Message.Body);
        Assert.Equal("multipart/alternative", body.ContentType.MimeType);
        Assert.Equal(["text/plain", "text/html"], body.Select(part => part.ContentType.MimeType));
        Assert.Contains("Restart the API", message.Text, StringComparison.Ordinal);
        Assert.Contains("Requested by:  requester@contoso.test", message.Text, StringComparison.Ordinal);
        Assert.Contains("Expires:       2026-03-05 09:00 UTC", message.Text, StringComparison.Ordinal);
        Assert.Contains("1. s1 (http_request)", message.Text, StringComparison.Ordinal);
        Assert.Contains("Parameters: method: POST; url: https://ops.contoso.test/restart; replicas: 3", message.Text, StringComparison.Ordinal);
        Assert.Contains("2. s2 (http_request)", message.Text, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"margin:0 0 12px\">Approval requested</h2>", message.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>s1</strong> &middot; <code>http_request</code>", message.Html, StringComparison.Ordinal);
        Assert.Contains("Check the API&#39;s health", message.Html, StringComparison.Ordinal);
        Assert.Equal(["none (may start at once)", "s1"], RunsAfter(message.Text));
        Assert.Equal(["none (may start at once)", "s1"], HtmlRunsAfter(message.Html));
    }

    [Fact]
    public async Task SendAsync_DiamondPlan_BothPartsShowWhatEachStepRunsAfterAndWhereItsValuesComeFrom()
    {
        var (channel, _) = await StartAsync();

        await channel.SendAsync(TestNotifications.Diamond(NotificationKind.ApprovalRequested, "alice@contoso.test"), CancellationToken.None);

        var message = Assert.Single(server!.Messages);
        var text = message.Text.ReplaceLineEndings("\n");
        Assert.Equal(["none (may start at once)", "a", "a", "b, c"], RunsAfter(text));
        Assert.Contains("\n   body ← a.output.json.items[0].name\n3. c (http_request)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n   pod ← b.output.json.pod\n   note ← c.output\n", text, StringComparison.Ordinal);
        Assert.Equal(["none (may start at once)", "a", "a", "b, c"], HtmlRunsAfter(message.Html));
        Assert.Contains(">body ← a.output.json.items[0].name</span>", message.Html, StringComparison.Ordinal);
        Assert.Contains(">pod ← b.output.json.pod</span><br>", message.Html, StringComparison.Ordinal);
        Assert.Contains(">note ← c.output</span>", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_LinksInBothPartsAreSignedForThatApprover()
    {
        var (channel, signer) = await StartAsync();

        await channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test", "bob@contoso.test"), CancellationToken.None);

        var tokens = new List<string>();
        foreach (var message in server!.Messages)
        {
            var recipient = Assert.Single(message.EnvelopeTo);
            var textLinks = TextLinks(message.Text);
            var htmlLinks = HtmlLinks(message.Html);
            Assert.Equal(textLinks, htmlLinks);
            Assert.Equal(["Approve", "Reject", "Review"], textLinks.Keys);
            Assert.Equal("approve", TestNotifications.Query(textLinks["Approve"]).Action);
            Assert.Equal("reject", TestNotifications.Query(textLinks["Reject"]).Action);
            Assert.Null(TestNotifications.Query(textLinks["Review"]).Action);
            Assert.All(textLinks.Values, link => Assert.Equal("https://plans.contoso.test/api/plans/plan-42/review", link.GetLeftPart(UriPartial.Path)));
            var token = Assert.Single(textLinks.Values.Select(link => TestNotifications.Query(link).Token).Distinct());
            Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
            Assert.Equal(("plan-42", 2, recipient, TestNotifications.ExpiresAt), (link!.PlanId, link.Version, link.Approver, link.ExpiresAt));
            tokens.Add(token!);
        }

        Assert.Equal(2, tokens.Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_Checkpoint_AsksTheApproversOnlyWithTheResolvedParametersAndLinksBoundToTheStep()
    {
        var (channel, signer) = await StartAsync();
        var notification = TestNotifications.Checkpoint("carol@contoso.test", "dave@contoso.test");

        var delivery = await channel.SendAsync(notification, CancellationToken.None);

        Assert.Equal(["carol@contoso.test", "dave@contoso.test"], delivery.Recipients);
        foreach (var message in server!.Messages)
        {
            var recipient = Assert.Single(message.EnvelopeTo);
            Assert.Equal("Step awaits confirmation: Restart the API (v2, step s2)", message.Message.Subject);
            Assert.Contains("Step:          s2", message.Text, StringComparison.Ordinal);
            Assert.Contains("Risk:          destructive", message.Text, StringComparison.Ordinal);
            Assert.Contains("Approvals:     1 of 2: carol@contoso.test", message.Text, StringComparison.Ordinal);
            Assert.Contains($"Plan hash:     {notification.PlanHash![..12]}", message.Text, StringComparison.Ordinal);
            Assert.Contains("2. s2 (http_request, destructive, checkpoint): awaiting approval", message.Text, StringComparison.Ordinal);
            Assert.Contains("   Runs with: method: DELETE; url: https://ops.contoso.test/pods?count=3", message.Text, StringComparison.Ordinal);
            Assert.Contains("<strong>Runs with:</strong> <code>method: DELETE; url: https://ops.contoso.test/pods?count=3</code>", message.Html, StringComparison.Ordinal);
            Assert.Contains("They decide once, on step s2 of version 2", message.Text, StringComparison.Ordinal);
            var textLinks = TextLinks(message.Text);
            Assert.Equal(textLinks, HtmlLinks(message.Html));
            Assert.Equal(["Approve step", "Skip step", "Reject plan", "Review"], textLinks.Keys);
            Assert.Equal(["approve", "skip", "reject", null], textLinks.Values.Select(u => TestNotifications.Query(u).Action));
            var token = Assert.Single(textLinks.Values.Select(u => TestNotifications.Query(u).Token).Distinct());
            Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
            Assert.Equal((recipient, "s2", notification.PlanHash, TestNotifications.CheckpointExpiresAt), (link!.Approver, link.StepId, link.PlanHash, link.ExpiresAt));
        }
    }

    [Fact]
    public async Task SendAsync_HostilePlanText_IsHtmlEncodedInTheHtmlPart()
    {
        var (channel, _) = await StartAsync();
        var notification = TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test") with
        {
            Description = "<script>alert('x')</script> & <a href=\"https://evil.example\">Approve here</a>",
            RequestedBy = "<img src=x onerror=alert(1)>",
            Steps = [new NotificationStep { Id = "<s1>", ToolName = "http_request\"><b>", Description = "</li></ol><h1>Approved</h1>", Parameters = new() { ["url"] = "https://evil.example/\"><script>" } }],
        };

        await channel.SendAsync(notification, CancellationToken.None);

        var html = Assert.Single(server!.Messages).Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h1>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"https://evil", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;Approve here&lt;/a&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/li&gt;&lt;/ol&gt;&lt;h1&gt;Approved&lt;/h1&gt;", html, StringComparison.Ordinal);
        Assert.Equal(3, HtmlLinks(html).Count);
    }

    [Theory]
    [InlineData(NotificationKind.Reminder, "Reminder: Restart the API (v2)")]
    [InlineData(NotificationKind.Completed, "Plan completed: Restart the API (v2)")]
    [InlineData(NotificationKind.Failed, "Plan failed: Restart the API (v2)")]
    [InlineData(NotificationKind.Cancelled, "Plan cancelled: Restart the API (v2)")]
    public async Task SendAsync_Kind_SubjectSaysWhy(NotificationKind kind, string subject)
    {
        var (channel, _) = await StartAsync();

        await channel.SendAsync(TestNotifications.Request(kind, "alice@contoso.test"), CancellationToken.None);

        Assert.Equal(subject, Assert.Single(server!.Messages, m => m.EnvelopeTo.Contains("alice@contoso.test")).Message.Subject);
    }

    [Fact]
    public async Task SendAsync_FollowUp_GoesToApproversAndTheRequester()
    {
        var (channel, signer) = await StartAsync();
        var notification = TestNotifications.FollowUp(NotificationKind.Failed, PlanStatus.Failed, "Step s2 failed: 503", "alice@contoso.test", "Teams channel");

        var delivery = await channel.SendAsync(notification, CancellationToken.None);

        Assert.Equal(["alice@contoso.test", "requester@contoso.test"], delivery.Recipients);
        var toRequester = Assert.Single(server!.Messages, m => m.EnvelopeTo.Contains("requester@contoso.test"));
        Assert.Equal("Plan failed: Restart the API (v2)", toRequester.Message.Subject);
        Assert.Contains("Status:        failed", toRequester.Text, StringComparison.Ordinal);
        Assert.Contains("Error:         Step s2 failed: 503", toRequester.Text, StringComparison.Ordinal);
        Assert.Contains("2. s2 (http_request): failed", toRequester.Text, StringComparison.Ordinal);
        var open = Assert.Single(TextLinks(toRequester.Text));
        Assert.Equal("Open the plan", open.Key);
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(TestNotifications.Query(open.Value).Token, out var link));
        Assert.Equal("requester@contoso.test", link!.Approver);
        Assert.Equal(2, server.Messages.Count);
    }

    [Fact]
    public async Task SendAsync_RecoverableFailure_ApproversMayRetryOrRequestChangesAndTheRequesterSeesThePlan()
    {
        var (channel, signer) = await StartAsync();

        await channel.SendAsync(TestNotifications.RecoverableFailure("alice@contoso.test"), CancellationToken.None);

        var toAlice = Assert.Single(server!.Messages, m => m.EnvelopeTo.Contains("alice@contoso.test"));
        var links = TextLinks(toAlice.Text);
        Assert.Equal(["Retry", "Request changes", "Review"], links.Keys);
        Assert.Equal(["retry", "modify", null], links.Values.Select(url => TestNotifications.Query(url).Action));
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(TestNotifications.Query(links["Retry"]).Token, out var link));
        Assert.Equal(("alice@contoso.test", 2, TestNotifications.RecoverableUntil), (link!.Approver, link.Version, link.ExpiresAt));
        Assert.Contains("Recoverable:   until 2026-03-03 09:00 UTC", toAlice.Text, StringComparison.Ordinal);
        Assert.Contains("1. s1 (http_request): succeeded, kept", toAlice.Text, StringComparison.Ordinal);
        Assert.Contains("2. s2 (http_request): failed, runs again on retry", toAlice.Text, StringComparison.Ordinal);
        Assert.Contains("Retry runs step s2 again and keeps step s1 with its output", toAlice.Text, StringComparison.Ordinal);
        Assert.Contains("stop working when the plan changes or at 2026-03-03 09:00 UTC", toAlice.Text, StringComparison.Ordinal);
        Assert.Equal(links.Values, HtmlLinks(toAlice.Html).Values);
        Assert.Equal(["Retry", "Request changes", "Review"], HtmlLinks(toAlice.Html).Keys);
        var toRequester = Assert.Single(server.Messages, m => m.EnvelopeTo.Contains("requester@contoso.test"));
        Assert.Equal(["Open the plan"], TextLinks(toRequester.Text).Keys);
        Assert.Equal(["Open the plan"], HtmlLinks(toRequester.Html).Keys);
    }

    [Fact]
    public async Task SendAsync_NoEmailApprovers_SendsNothingAndSaysSo()
    {
        var (channel, _) = await StartAsync();

        var delivery = await channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "Teams channel"), CancellationToken.None);

        Assert.Equal(0, delivery.Sent);
        Assert.Empty(delivery.Recipients);
        Assert.Equal(["Teams channel"], delivery.Skipped);
        Assert.Contains("No approver of plan plan-42 is an email address", delivery.Detail, StringComparison.Ordinal);
        Assert.Empty(server!.Messages);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsNamingTheSmtpServer()
    {
        var port = LoopbackPort.Free();
        var channel = CreateChannel(port, TestNotifications.Approvals(PublicBaseUrl)).Channel;

        var exception = await Assert.ThrowsAsync<NotificationException>(
            () => channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test"), CancellationToken.None));

        Assert.Contains($"connecting to the SMTP server 127.0.0.1:{port} failed", exception.Message, StringComparison.Ordinal);
        Assert.Contains("plan-42", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerRefusesRecipients_ThrowsWithTheServersAnswer()
    {
        var (channel, _) = await StartAsync(new RejectingMailboxFilter());

        var exception = await Assert.ThrowsAsync<NotificationException>(
            () => channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test", "bob@contoso.test"), CancellationToken.None));

        Assert.Contains($"SMTP server 127.0.0.1:{server!.Port}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("failed for 2 of 2 recipients", exception.Message, StringComparison.Ordinal);
        Assert.Matches(@"alice@contoso\.test: 5\d\d ", exception.Message);
        Assert.Matches(@"bob@contoso\.test: 5\d\d ", exception.Message);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_ServerRefusesOneRecipient_SendsTheOthersThenThrows()
    {
        var (channel, _) = await StartAsync(new RejectingMailboxFilter("bob@contoso.test"));

        var exception = await Assert.ThrowsAsync<NotificationException>(
            () => channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test", "bob@contoso.test", "carol@contoso.test"), CancellationToken.None));

        Assert.Contains("failed for 1 of 3 recipients", exception.Message, StringComparison.Ordinal);
        Assert.Matches(@"bob@contoso\.test: 5\d\d ", exception.Message);
        Assert.Contains("it was sent to alice@contoso.test, carol@contoso.test", exception.Message, StringComparison.Ordinal);
        Assert.Equal(["alice@contoso.test", "carol@contoso.test"], server!.Messages.Select(m => Assert.Single(m.EnvelopeTo)).Order());
    }

    [Fact]
    public async Task SendAsync_ApprovalRequestWithoutLinkSettings_ThrowsNamingTheSettingsBeforeSending()
    {
        var (channel, _) = await StartAsync(approvals: TestNotifications.Approvals(null, signingKey: null));

        var exception = await Assert.ThrowsAsync<NotificationException>(
            () => channel.SendAsync(TestNotifications.Request(NotificationKind.ApprovalRequested, "alice@contoso.test"), CancellationToken.None));

        Assert.Contains("Approvals:SigningKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:PublicBaseUrl", exception.Message, StringComparison.Ordinal);
        Assert.Empty(server!.Messages);
    }

    private async Task<(EmailNotificationChannel Channel, ApprovalLinkSigner Signer)> StartAsync(IMailboxFilter? filter = null, ApprovalOptions? approvals = null)
    {
        server = await TestSmtpServer.StartAsync(filter);
        return CreateChannel(server.Port, approvals ?? TestNotifications.Approvals(PublicBaseUrl));
    }

    private static (EmailNotificationChannel Channel, ApprovalLinkSigner Signer) CreateChannel(int port, ApprovalOptions approvals)
    {
        var (links, signer) = TestNotifications.Links(approvals, TestNotifications.Clock());
        var options = Options.Create(new EmailNotificationOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = port,
            From = "Plans <plans@contoso.test>",
            Timeout = TimeSpan.FromSeconds(30),
        });
        return (new EmailNotificationChannel(options, links, NullLogger<EmailNotificationChannel>.Instance), signer);
    }

    /// <summary>The links of the plain-text part: <c>Approve: https://…</c> lines.</summary>
    private static Dictionary<string, Uri> TextLinks(string text) =>
        TextLink().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => new Uri(m.Groups["url"].Value));

    /// <summary>The links of the HTML part, with their titles.</summary>
    private static Dictionary<string, Uri> HtmlLinks(string html) =>
        HtmlLink().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)));

    /// <summary>What each step runs after, as the plain-text part says it: <c>   Runs after: b, c</c> lines.</summary>
    private static List<string> RunsAfter(string text) => [.. TextRunsAfter().Matches(text).Select(m => m.Groups["after"].Value)];

    /// <summary>What each step runs after, as the HTML part says it.</summary>
    private static List<string> HtmlRunsAfter(string html) => [.. HtmlRunsAfterLine().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["after"].Value))];

    [GeneratedRegex(@"^   Runs after: (?<after>[^\r\n]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex TextRunsAfter();

    [GeneratedRegex(@">Runs after: (?<after>[^<]+)</span>")]
    private static partial Regex HtmlRunsAfterLine();

    [GeneratedRegex(@"^(?<name>Approve step|Skip step|Reject plan|Approve|Reject|Retry|Request changes|Review|Open the plan):\s+(?<url>\S+)\r?$", RegexOptions.Multiline)]
    private static partial Regex TextLink();

    [GeneratedRegex("<a href=\"(?<url>[^\"]+)\"[^>]*>(?<name>[^<]+)</a>")]
    private static partial Regex HtmlLink();
}
