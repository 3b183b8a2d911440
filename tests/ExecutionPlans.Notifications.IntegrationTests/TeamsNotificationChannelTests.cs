using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications.IntegrationTests;

public sealed class TeamsNotificationChannelTests : IAsyncLifetime
{
    private readonly ServiceProvider httpServices = new ServiceCollection()
        .AddHttpClient(TeamsNotificationChannel.HttpClientName).Services
        .BuildServiceProvider();

    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await httpServices.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_PostsAdaptiveCardInMessageEnvelope()
    {
        var (channel, _) = CreateChannel();

        var delivery = await channel.SendAsync(TestNotifications.Request(), CancellationToken.None);

        var post = Assert.Single(receiver.Posts);
        Assert.Equal("message", (string?)post["type"]);
        var attachment = Assert.Single(post["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var card = attachment["content"]!;
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("teams", delivery.Channel);
        Assert.Equal(1, delivery.Sent);
        Assert.Equal(["127.0.0.1"], delivery.Recipients);
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_CardShowsFactsAndEveryStep()
    {
        var (channel, _) = CreateChannel();

        await channel.SendAsync(TestNotifications.Request(), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        var texts = Texts(card);
        Assert.Contains("Approval requested", texts);
        Assert.Contains("Restart the API", texts);
        var facts = Facts(card);
        Assert.Equal("plan-42", facts["Plan"]);
        Assert.Equal("2", facts["Version"]);
        Assert.Equal("requester@contoso.test", facts["Requested by"]);
        Assert.Equal("2026-03-05 09:00 UTC", facts["Expires"]);
        Assert.Contains("2 steps", texts);
        Assert.Contains("1. s1 · http_request", texts);
        Assert.Contains("\nRestart the API pods", texts);
        Assert.Contains("\nmethod: POST; url: https://ops.contoso.test/restart; replicas: 3", texts);
        Assert.Contains("2. s2 · http_request", texts);
        Assert.Contains("\nCheck the API's health", texts);
        Assert.Equal(["\nRuns after: none (may start at once)", "\nRuns after: s1"], texts.Where(t => t.StartsWith("\nRuns after: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_DiamondPlan_CardShowsWhatEachStepRunsAfterAndWhereItsValuesComeFrom()
    {
        var (channel, _) = CreateChannel();

        await channel.SendAsync(TestNotifications.Diamond(), CancellationToken.None);

        var texts = Texts(WebhookReceiver.CardOf(Assert.Single(receiver.Posts)));
        Assert.Equal(
            ["\nRuns after: none (may start at once)", "\nRuns after: a", "\nRuns after: a", "\nRuns after: b, c"],
            texts.Where(t => t.StartsWith("\nRuns after: ", StringComparison.Ordinal)));
        Assert.Equal(
            ["\nbody ← a.output.json.items[0].name", "\npod ← b.output.json.pod\nnote ← c.output"],
            texts.Where(t => t.Contains('←', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_ThreeOpenUrlActionsShareOneTokenForTheTeamsApprover()
    {
        var (channel, signer) = CreateChannel(approver: "ops-channel");

        await channel.SendAsync(TestNotifications.Request(), CancellationToken.None);

        var actions = WebhookReceiver.CardOf(Assert.Single(receiver.Posts))["actions"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(["Approve", "Reject", "Review"], actions.Select(a => (string?)a["title"]));
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", (string?)a["type"]));
        var urls = actions.Select(a => new Uri((string)a["url"]!)).ToList();
        Assert.Equal(["approve", "reject", null], urls.Select(u => TestNotifications.Query(u).Action));
        var token = Assert.Single(urls.Select(u => TestNotifications.Query(u).Token).Distinct());
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
        Assert.Equal(("plan-42", 2, "ops-channel", TestNotifications.ExpiresAt), (link!.PlanId, link.Version, link.Approver, link.ExpiresAt));
    }

    [Fact]
    public async Task SendAsync_ApprovalRequested_ApproveLinkOpensTheReviewPageWithAValidToken()
    {
        var (channel, signer) = CreateChannel();
        await channel.SendAsync(TestNotifications.Request(), CancellationToken.None);
        var approve = new Uri((string)WebhookReceiver.CardOf(Assert.Single(receiver.Posts))["actions"]![0]!["url"]!);

        using var browser = new HttpClient();
        var visit = await browser.GetFromJsonAsync<ReviewVisit>(approve);

        Assert.Equal(receiver.BaseAddress.GetLeftPart(UriPartial.Authority), approve.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/api/plans/plan-42/review", approve.AbsolutePath);
        Assert.StartsWith("?token=", approve.Query, StringComparison.Ordinal);
        Assert.EndsWith("&action=approve", approve.Query, StringComparison.Ordinal);
        Assert.NotNull(visit);
        Assert.Equal(("plan-42", "approve"), (visit.PlanId, visit.Action));
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(visit.Token, out var link));
        Assert.Equal(TeamsNotificationOptions.DefaultApprover, link!.Approver);
        Assert.Equal(2, link.Version);
        Assert.Equal("plan-42", link.PlanId);
    }

    [Fact]
    public async Task SendAsync_Checkpoint_CardShowsTheHeldStepWithResolvedParametersAndOffersLinksBoundToIt()
    {
        var (channel, signer) = CreateChannel(approver: "ops-channel");
        var notification = TestNotifications.Checkpoint("carol@contoso.test", "dave@contoso.test");

        await channel.SendAsync(notification, CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        Assert.Equal("Step awaits confirmation", Texts(card)[0]);
        var facts = Facts(card);
        Assert.Equal("s2", facts["Step"]);
        Assert.Equal("destructive", facts["Risk"]);
        Assert.Equal("1 of 2: carol@contoso.test", facts["Approvals"]);
        Assert.Equal(notification.PlanHash![..12], facts["Plan hash"]);
        Assert.Equal("executing", facts["Status"]);
        Assert.Equal("2026-03-02 13:00 UTC", facts["Expires"]);
        var texts = Texts(card);
        Assert.Contains("\nRuns with: method: DELETE; url: https://ops.contoso.test/pods?count=3", texts);
        Assert.Contains("2. s2 · http_request · destructive · checkpoint", texts);
        Assert.Contains(texts, t => t.StartsWith("Step s2 waits for confirmation before it runs", StringComparison.Ordinal));
        var actions = card["actions"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(["Approve step", "Skip step", "Reject plan", "Review"], actions.Select(a => (string?)a["title"]));
        Assert.Equal(["positive", null, "destructive", null], actions.Select(a => (string?)a["style"]));
        var urls = actions.Select(a => new Uri((string)a["url"]!)).ToList();
        Assert.Equal(["approve", "skip", "reject", null], urls.Select(u => TestNotifications.Query(u).Action));
        var token = Assert.Single(urls.Select(u => TestNotifications.Query(u).Token).Distinct());
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
        Assert.Equal(("plan-42", 2, "ops-channel", "s2"), (link!.PlanId, link.Version, link.Approver, link.StepId));
        Assert.Equal((notification.PlanHash, TestNotifications.CheckpointExpiresAt), (link.PlanHash, link.ExpiresAt));
    }

    [Fact]
    public async Task SendAsync_ApprovalRequestedUnderPolicy_CardShowsRiskQuorumAndHashAndTheLinkCarriesTheHash()
    {
        var (channel, signer) = CreateChannel();
        var hash = new string('c', 64);
        var notification = TestNotifications.Request() with
        {
            Risk = ToolRisk.Write,
            PlanHash = hash,
            Approvals = new PlanApprovals { Required = 2, Received = ["carol@contoso.test"] },
        };

        await channel.SendAsync(notification, CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        var facts = Facts(card);
        Assert.Equal(("write", "1 of 2: carol@contoso.test", "cccccccccccc"), (facts["Risk"], facts["Approvals"], facts["Plan hash"]));
        Assert.False(facts.ContainsKey("Step"));
        var token = TestNotifications.Query(new Uri((string)card["actions"]![0]!["url"]!)).Token;
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
        Assert.Equal((hash, (string?)null), (link!.PlanHash, link.StepId));
    }

    [Fact]
    public async Task SendAsync_Reminder_TitleSaysReminderAndCarriesFreshLinks()
    {
        var (channel, signer) = CreateChannel();

        await channel.SendAsync(TestNotifications.Request(NotificationKind.Reminder), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        Assert.Contains("Reminder: approval requested", Texts(card));
        var approve = new Uri((string)card["actions"]![0]!["url"]!);
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(TestNotifications.Query(approve).Token, out _));
    }

    [Fact]
    public async Task SendAsync_HostilePlanText_CardShowsItAsPlainText()
    {
        var (channel, _) = CreateChannel();
        var hostile = "**Approved by security** [click here](https://evil.example/steal) <b>now</b> www.evil.example\n- item\n1. first";
        var notification = TestNotifications.Request() with
        {
            Description = hostile,
            RequestedBy = "[boss](https://evil.example)",
            Steps = [new NotificationStep { Id = "s1", ToolName = "http_request", Description = "_see_ ![img](https://evil.example/x.png)", Parameters = new JsonObject { ["url"] = "https://evil.example/**x**" } }],
        };

        await channel.SendAsync(notification, CancellationToken.None);

        var post = Assert.Single(receiver.Posts);
        var card = WebhookReceiver.CardOf(post);
        var shown = string.Join("\n", Texts(card, visible: false).Concat(Facts(card, visible: false).Values));
        Assert.DoesNotContain("**", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("](", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("://evil", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("www.evil", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n- item", shown, StringComparison.Ordinal);
        Assert.Contains(hostile, shown.Replace("\u200B", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", string.Join(" ", card["actions"]!.AsArray().Select(a => (string?)a!["url"])), StringComparison.Ordinal);
        Assert.All(card["body"]!.AsArray().Where(e => (string?)e!["type"] == "TextBlock"), e => Assert.DoesNotContain("evil", (string?)e!["text"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Completed_PostsShortFollowUpWithStatusAndOpenPlanLink()
    {
        var (channel, signer) = CreateChannel();

        await channel.SendAsync(TestNotifications.FollowUp(NotificationKind.Completed, PlanStatus.Completed, null), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        Assert.Equal("1.5", (string?)card["version"]);
        var texts = Texts(card);
        Assert.Contains("Plan completed", texts);
        Assert.Contains("Restart the API", texts);
        Assert.Equal("completed", Facts(card)["Status"]);
        Assert.Contains(" — succeeded", texts);
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(("Action.OpenUrl", "Open plan"), ((string?)action["type"], (string?)action["title"]));
        var url = new Uri((string)action["url"]!);
        Assert.Equal("/api/plans/plan-42/review", url.AbsolutePath);
        Assert.Null(TestNotifications.Query(url).Action);
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(TestNotifications.Query(url).Token, out _));
    }

    [Fact]
    public async Task SendAsync_Failed_FollowUpShowsTheError()
    {
        var (channel, _) = CreateChannel();

        await channel.SendAsync(TestNotifications.FollowUp(NotificationKind.Failed, PlanStatus.Failed, "Step s2 failed: 503 Service Unavailable"), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        var texts = Texts(card);
        Assert.Contains("Plan failed", texts);
        Assert.Equal("failed", Facts(card)["Status"]);
        Assert.Contains("Error: Step s2 failed: 503 Service Unavailable", texts);
        Assert.Contains(" — failed", texts);
    }

    [Fact]
    public async Task SendAsync_RecoverableFailure_OffersRetryAndRequestChangesUntilTheWindowCloses()
    {
        var (channel, signer) = CreateChannel();

        await channel.SendAsync(TestNotifications.RecoverableFailure(), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["Retry", "Request changes", "Review"], actions.Select(a => (string?)a!["title"]));
        Assert.Equal(["positive", null, null], actions.Select(a => (string?)a!["style"]));
        var urls = actions.Select(a => new Uri((string)a!["url"]!)).ToList();
        Assert.Equal(["retry", "modify", null], urls.Select(url => TestNotifications.Query(url).Action));
        Assert.Single(urls.Select(url => TestNotifications.Query(url).Token).Distinct());
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(TestNotifications.Query(urls[0]).Token, out var link));
        Assert.Equal(("plan-42", 2, TestNotifications.RecoverableUntil), (link!.PlanId, link.Version, link.ExpiresAt));
        Assert.Equal("2026-03-03 09:00 UTC", Facts(card)["Recoverable until"]);
        var texts = Texts(card);
        Assert.Contains(" — succeeded, kept", texts);
        Assert.Contains(" — failed, runs again on retry", texts);
        Assert.Contains(texts, t => t.StartsWith("The plan can be recovered until 2026-03-03 09:00 UTC. Retry runs step s2 again and keeps step s1 with its output;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_FailureNoLongerRecoverable_OffersOnlyTheReviewLink()
    {
        var (channel, _) = CreateChannel();

        await channel.SendAsync(TestNotifications.FollowUp(NotificationKind.Failed, PlanStatus.Failed, "Step s2 failed: 404 Not Found"), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        Assert.Equal(["Open plan"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.False(Facts(card).ContainsKey("Recoverable until"));
        Assert.DoesNotContain(Texts(card), t => t.Contains("recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_FollowUpWithoutLinkSettings_PostsCardWithoutActions()
    {
        var (channel, _) = CreateChannel(approvals: TestNotifications.Approvals(null, signingKey: null));

        await channel.SendAsync(TestNotifications.FollowUp(NotificationKind.Cancelled, PlanStatus.Cancelled, "Rejected: not now"), CancellationToken.None);

        var card = WebhookReceiver.CardOf(Assert.Single(receiver.Posts));
        Assert.Contains("Plan cancelled", Texts(card));
        Assert.False(card.AsObject().ContainsKey("actions"));
    }

    [Theory]
    [InlineData(500, "boom")]
    [InlineData(400, "Bad payload: attachments")]
    public async Task SendAsync_WebhookAnswersError_ThrowsWithStatusAndExcerpt(int status, string body)
    {
        var (channel, _) = CreateChannel();
        receiver.StatusCode = status;
        receiver.ResponseBody = body;

        var exception = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestNotifications.Request(), CancellationToken.None));

        Assert.Contains($"answered {status}", exception.Message, StringComparison.Ordinal);
        Assert.Contains(body, exception.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-signature", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_IncomingWebhookReportsFailureIn200_Throws()
    {
        var (channel, _) = CreateChannel();
        receiver.StatusCode = 200;
        receiver.ResponseBody = "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413";

        var exception = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestNotifications.Request(), CancellationToken.None));

        Assert.Contains("HTTP error 413", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsNamingTheWebhookHost()
    {
        var unused = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/webhook?sig=secret-signature");
        var (channel, _) = CreateChannel(webhookUrl: unused);

        var exception = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestNotifications.Request(), CancellationToken.None));

        Assert.Contains("Teams webhook at 127.0.0.1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-signature", exception.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_ApprovalRequestWithoutLinkSettings_ThrowsNamingTheSettingsAndPostsNothing()
    {
        var (channel, _) = CreateChannel(approvals: TestNotifications.Approvals(null, signingKey: null));

        var exception = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestNotifications.Request(), CancellationToken.None));

        Assert.Contains("Approvals:SigningKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:PublicBaseUrl", exception.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);
    }

    private (TeamsNotificationChannel Channel, ApprovalLinkSigner Signer) CreateChannel(
        string approver = TeamsNotificationOptions.DefaultApprover,
        Uri? webhookUrl = null,
        ApprovalOptions? approvals = null)
    {
        var (links, signer) = TestNotifications.Links(approvals ?? TestNotifications.Approvals(receiver.BaseAddress), TestNotifications.Clock());
        var options = Options.Create(new TeamsNotificationOptions { WebhookUrl = webhookUrl ?? receiver.WebhookUrl, Approver = approver });
        var channel = new TeamsNotificationChannel(
            httpServices.GetRequiredService<IHttpClientFactory>(), options, links, NullLogger<TeamsNotificationChannel>.Instance);
        return (channel, signer);
    }

    /// <summary>Every text the card shows from its text blocks and runs, by default with the zero-width breaks removed.</summary>
    private static List<string> Texts(JsonNode card, bool visible = true) =>
        [.. card["body"]!.AsArray().SelectMany(element => (string?)element!["type"] switch
        {
            "TextBlock" => [(string)element["text"]!],
            "RichTextBlock" => element["inlines"]!.AsArray().Select(run => (string)run!["text"]!),
            _ => [],
        }).Select(text => visible ? Visible(text) : text)];

    private static Dictionary<string, string> Facts(JsonNode card, bool visible = true) =>
        card["body"]!.AsArray().Single(e => (string?)e!["type"] == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => visible ? Visible((string)f!["value"]!) : (string)f!["value"]!);

    private static string Visible(string text) => text.Replace("\u200B", string.Empty, StringComparison.Ordinal);
}
