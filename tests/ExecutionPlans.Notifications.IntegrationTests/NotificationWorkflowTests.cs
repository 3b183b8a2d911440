using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications.IntegrationTests;

/// <summary>
/// The real channels in the real workflow: a Teams card reaches a local webhook with a working signed link,
/// while a mail server that is down makes the email notification retry, then be recorded as failed — and the
/// plan carries on.
/// </summary>
public sealed class NotificationWorkflowTests : IAsyncLifetime
{
    private readonly ChannelsHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Workflow_TeamsUpAndMailDown_PostsTheCardRecordsTheMailFailureAndCompletes()
    {
        // Arrange
        var input = TestPlans.Given(TestPlans.Plan("Restart the API", TestPlans.Echo("s1", "restarted")));
        input.Approvers = ["Teams channel", "carol@example.com"];
        input.NotificationChannels = ["teams", "email"];

        // Act
        var started = await host.Plans.StartAsync(input);
        var pending = await host.Plans.WaitForAsync(started.Id, v => v.Notifications.Count(n => n.Kind == NotificationKind.ApprovalRequested) == 2);
        var accepted = await host.Plans.ApproveAsync(started.Id, new PlanDecisionRequest { By = "Teams channel" });
        var done = await host.Plans.WaitForAsync(started.Id, v => v.Status.IsFinal() && v.Notifications.Count == 4);

        // Assert: the plan went on despite the mail server.
        Assert.Equal(PlanStatus.PendingApproval, pending.Status);
        Assert.Equal(PlanCommandStatus.Accepted, accepted.Status);
        Assert.Equal(PlanStatus.Completed, done.Status);
        var mail = done.Notifications.Where(n => n.Channel == "email").ToList();
        Assert.All(mail, n => Assert.False(n.Delivered));
        Assert.All(mail, n => Assert.Contains("127.0.0.1", n.Detail, StringComparison.Ordinal));
        Assert.All(done.Notifications.Where(n => n.Channel == "teams"), n => Assert.True(n.Delivered));

        // Assert: the approval card carries a link that checks out for this plan, version and approver.
        var posts = host.CardsFor(started.Id);
        var card = posts[0];
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var approve = card["actions"]!.AsArray().Select(a => a!["url"]!.GetValue<string>()).First(u => u.Contains("action=approve", StringComparison.Ordinal));
        var token = Uri.UnescapeDataString(approve.Split("token=")[1].Split('&')[0]);
        var signer = new ApprovalLinkSigner(Options.Create(new ApprovalOptions { SigningKey = ChannelsHost.SigningKey }), TimeProvider.System);
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
        Assert.Equal((started.Id, 1, "Teams channel"), (link!.PlanId, link.Version, link.Approver));
        Assert.Equal(2, posts.Count);
    }

    [Fact]
    public async Task Workflow_RecoverableFailure_CardOffersRetryAndRequestChangesWithLinksUntilTheWindowCloses()
    {
        // Arrange: s2 fails for good, so the plan fails and stays recoverable for an hour.
        var input = TestPlans.Given(TestPlans.Plan("Fails on the second step", TestPlans.Echo("s1", "ok"), TestPlans.Fail("s2", fail: true)), requireApproval: false);
        input.Approvers = ["Teams channel"];
        input.NotificationChannels = ["teams"];
        input.RecoveryWindow = TimeSpan.FromHours(1);

        // Act
        var started = await host.Plans.StartAsync(input);
        var failed = await host.Plans.WaitForAsync(started.Id, v => v.RecoverableUntil is not null && v.Notifications.Any(n => n.Kind == NotificationKind.Failed));
        await host.Plans.CancelAsync(started.Id, "not today", "Teams channel");
        var ended = await host.Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.Cancelled && v.Notifications.Count == 2);

        // Assert: the failure card offers the recovery decisions, with a link that lasts as long as the window.
        Assert.Equal(PlanStatus.Failed, failed.Status);
        var cards = host.CardsFor(started.Id);
        Assert.Equal(2, cards.Count);
        var card = cards[0];
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["Retry", "Request changes", "Review"], actions.Select(a => (string?)a!["title"]));
        var retry = actions[0]!["url"]!.GetValue<string>();
        Assert.Contains("action=retry", retry, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(retry.Split("token=")[1].Split('&')[0]);
        var signer = new ApprovalLinkSigner(Options.Create(new ApprovalOptions { SigningKey = ChannelsHost.SigningKey }), TimeProvider.System);
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, out var link));
        Assert.Equal((started.Id, 1, "Teams channel", failed.RecoverableUntil), (link!.PlanId, link.Version, link.Approver, (DateTimeOffset?)link.ExpiresAt));
        Assert.Contains(ChannelsHost.Texts(card), t => t.StartsWith("The plan can be recovered until", StringComparison.Ordinal));
        Assert.Null(ended.RecoverableUntil);
        Assert.Equal(["Open plan"], cards[1]["actions"]!.AsArray().Select(a => (string?)a!["title"]));
    }

    [Fact]
    public async Task Workflow_DiamondPlan_CardsShowEachStepsDependenciesAndTheValuesTheLastStepReceived()
    {
        // Arrange: a → (b, c) → d; d has no dependsOn, so it runs after the two steps it references.
        var a = TestPlans.Echo("a", "api-1");
        a.DependsOn = [];
        var b = TestPlans.Echo("b", "{{steps.a.output}}");
        b.DependsOn = ["a"];
        var c = TestPlans.Echo("c", "ok");
        c.DependsOn = ["a"];
        var d = TestPlans.Echo("d", "{{steps.b.output}} / {{steps.c.output}}");
        var input = TestPlans.Given(TestPlans.Plan("Diamond", a, b, c, d));
        input.Approvers = ["Teams channel"];
        input.NotificationChannels = ["teams"];

        // Act
        var started = await host.Plans.StartAsync(input);
        await host.Plans.WaitForAsync(started.Id, v => v.Notifications.Any(n => n.Kind == NotificationKind.ApprovalRequested));
        await host.Plans.ApproveAsync(started.Id, new PlanDecisionRequest { By = "Teams channel" });
        var done = await host.Plans.WaitForAsync(started.Id, v => v.Status.IsFinal() && v.Notifications.Count == 2);

        // Assert: the request shows the graph; the follow-up also shows what d received.
        Assert.Equal(PlanStatus.Completed, done.Status);
        var cards = host.CardsFor(started.Id);
        Assert.Equal(2, cards.Count);
        var runsAfter = new[] { "\nRuns after: none (may start at once)", "\nRuns after: a", "\nRuns after: a", "\nRuns after: b, c" };
        Assert.All(cards, card => Assert.Equal(runsAfter, ChannelsHost.Texts(card).Where(t => t.StartsWith("\nRuns after: ", StringComparison.Ordinal))));
        Assert.Equal(
            ["\nmessage ← a.output", "\nmessage ← b.output, c.output"],
            ChannelsHost.Texts(cards[0]).Where(t => t.Contains('←', StringComparison.Ordinal)));
        Assert.Equal(
            ["\nmessage ← a.output = echo: api-1", "\nmessage ← b.output, c.output = echo: echo: api-1 / echo: ok"],
            ChannelsHost.Texts(cards[1]).Where(t => t.Contains('←', StringComparison.Ordinal)));
    }
}

/// <summary>The workflow host with both channels on: Teams to a local webhook, email to a port where nothing listens.</summary>
internal sealed class ChannelsHost : WorkflowHostFixture
{
    public const string SigningKey = "a-signing-key-of-at-least-thirty-two-bytes";

    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>The visible texts of a card's blocks and runs, with the zero-width breaks removed.</summary>
    public static List<string> Texts(JsonNode card) =>
        [.. card["body"]!.AsArray().SelectMany(element => (string?)element!["type"] switch
        {
            "TextBlock" => [(string)element["text"]!],
            "RichTextBlock" => element["inlines"]!.AsArray().Select(run => (string)run!["text"]!),
            _ => [],
        }).Select(text => text.Replace("\u200B", string.Empty, StringComparison.Ordinal))];

    /// <summary>The cards posted about one plan, in order: the tests of a class share the receiver.</summary>
    public List<JsonNode> CardsFor(string planId) =>
        [.. Receiver.Posts.Select(WebhookReceiver.CardOf).Where(card => card["body"]!.AsArray()
            .Any(e => (string?)e!["type"] == "FactSet" && e["facts"]!.AsArray().Any(f => (string?)f!["title"] == "Plan" && (string?)f["value"] == planId)))];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        return new()
        {
            ["Approvals:SigningKey"] = SigningKey,
            ["Approvals:PublicBaseUrl"] = "http://plans.example.com",
            ["Notifications:Teams:WebhookUrl"] = Receiver.WebhookUrl.ToString(),
            ["Notifications:Email:SmtpHost"] = "127.0.0.1",
            ["Notifications:Email:SmtpPort"] = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:From"] = "plans@example.com",
            ["Notifications:Email:Timeout"] = "00:00:05",
        };
    }
}
