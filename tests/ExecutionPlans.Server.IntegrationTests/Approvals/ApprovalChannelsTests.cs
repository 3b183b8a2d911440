using System.Net;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>
/// The approval channels end to end on the server process (in-memory engine): a Teams card or an email reaches a
/// local webhook or SMTP server, its signed Approve link is followed to the server's own review page and the form
/// posted as a browser would, and the plan runs; a mail server that is down is recorded without holding up the
/// plan; a reminder at half the approval timeout, and the cards that report how the plan ended.
/// </summary>
public sealed partial class ApprovalChannelsTests : IAsyncLifetime
{
    private const string SigningKey = "server-channel-tests-signing-key-0123456789";
    private const string TeamsApprover = TeamsNotificationOptions.DefaultApprover;

    // The cards' and emails' titles, by kind of notification.
    private const string ApprovalRequested = "Approval requested";
    private const string Reminder = "Reminder: approval requested";
    private const string Completed = "Plan completed";
    private const string Cancelled = "Plan cancelled";

    private StepEndpoint steps = null!;

    public async Task InitializeAsync() => steps = await StepEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        if (steps is not null)
        {
            await steps.DisposeAsync();
        }
    }

    [Fact]
    public async Task TeamsCard_ApproveLinkFollowedAndFormPosted_PlanCompletesDecidedByTheTeamsChannel()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ServerProcess.StartAsync(Teams(receiver));
        var scope = StepEndpoint.NewScope();
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Restart the billing API", ("restart", steps.Url(scope + "/restart")))));
        var card = WebhookReceiver.CardOf(await receiver.WaitForPostAsync(Titled(ApprovalRequested), "asking for approval"));
        var approve = ActionUrl(card, "Approve");
        using var browser = new ReviewPageClient();

        // Act
        var page = await browser.OpenAsync(approve);
        using var posted = await browser.SubmitAsync(page, "approve", "Go ahead");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);
        var followUp = WebhookReceiver.CardOf(await receiver.WaitForPostAsync(Titled(Completed), "saying the plan completed"));
        var again = await browser.OpenAsync(approve);

        // Assert: the card asks for a decision with three signed links to this server's review page.
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var actions = card["actions"]!.AsArray().Select(action => action!).ToList();
        Assert.Equal(["Approve", "Reject", "Review"], actions.Select(action => (string?)action["title"]));
        Assert.All(actions, action => Assert.Equal("Action.OpenUrl", (string?)action["type"]));
        Assert.All(actions, action => Assert.StartsWith($"{server.BaseAddress}api/plans/{created.Id}/review?token=", (string?)action["url"], StringComparison.Ordinal));
        Assert.EndsWith("&action=approve", approve.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("&action=reject", (string?)actions[1]["url"], StringComparison.Ordinal);

        // Assert: the page shows the plan and the form, and sets the cookie its form is checked against.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Restart the billing API", page.Html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(page.Form("approve").HiddenFields["csrf"]));
        Assert.False(string.IsNullOrEmpty(page.Form("approve").HiddenFields["token"]));
        Assert.Contains("epf_csrf", browser.CookieNames(approve));

        // Assert: the post is answered with a redirect to the page, and the plan ran as decided by the link's holder.
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.StartsWith($"/api/plans/{created.Id}/review?token=", posted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal(TeamsApprover, decision.By);
        Assert.Equal("Go ahead", decision.Comment);
        Assert.StartsWith("link:", decision.DecisionId, StringComparison.Ordinal);
        Assert.Single(steps.CallsTo(scope + "/restart"));
        PlanAssert.Consistent(done);

        // Assert: the follow-up card, and the same link now shows what was decided, with nothing left to decide.
        Assert.Equal("1.5", (string?)followUp["version"]);
        Assert.Equal(["Open plan"], followUp["actions"]!.AsArray().Select(action => (string?)action!["title"]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.HasForms, again.Html);
        Assert.Contains($"{TeamsApprover} approved version 1", again.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsReminder_NoDecisionWithinTheTimeout_RemindsAtHalfTimeThenReportsTheCancellation()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ServerProcess.StartAsync(Teams(receiver));
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Rotate the signing certificate", ("rotate", steps.Url(scope + "/rotate")));

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan, approvalTimeout: "PT6S"));
        var reminder = WebhookReceiver.CardOf(await receiver.WaitForPostAsync(Titled(Reminder), "reminding of the approval"));
        var cancelled = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);
        await receiver.WaitForPostAsync(Titled(Cancelled), "saying the plan was cancelled");
        var done = await server.Api.WaitUntilAsync(created.Id, view => view.Notifications.Count == 3, "with three notifications recorded");

        // Assert: request, reminder, cancellation, in that order, and the reminder came before the timeout ended the wait.
        Assert.Equal([ApprovalRequested, Reminder, Cancelled], receiver.Posts.Select(Title));
        Assert.Equal(["Approve", "Reject", "Review"], reminder["actions"]!.AsArray().Select(action => (string?)action!["title"]));
        Assert.Equal(
            [NotificationKind.ApprovalRequested, NotificationKind.Reminder, NotificationKind.Cancelled],
            done.Notifications.Select(record => record.Kind));
        Assert.All(done.Notifications, record => Assert.True(record.Delivered, record.Detail));
        var timeout = Assert.Single(done.Decisions);
        Assert.Equal(DecisionKind.Timeout, timeout.Kind);
        Assert.True(done.Notifications[1].At <= timeout.At, $"The reminder was recorded at {done.Notifications[1].At:O}, after the timeout at {timeout.At:O}.");
        Assert.Equal(["rotate:skipped"], PlanAssert.Steps(cancelled));
        Assert.Empty(steps.CallsTo(scope + "/rotate"));
        PlanAssert.Consistent(done);
    }

    /// <summary>A server whose links lead back to itself, with the Teams channel posting to <paramref name="receiver"/>.</summary>
    private static ServerSettings Teams(WebhookReceiver receiver) => WithLinks()
        .With("Notifications__Teams__WebhookUrl", receiver.WebhookUrl.ToString())
        .With("Approvals__DefaultApprovers__0", TeamsApprover);

    /// <summary>An in-memory server that signs links and serves them at its own address.</summary>
    private static ServerSettings WithLinks() =>
        (ServerSettings.InMemory() with { PublicBaseUrlIsSelf = true }).With("Approvals__SigningKey", SigningKey);

    private static string Title(JsonNode post) => (string)WebhookReceiver.CardOf(post)["body"]![0]!["text"]!;

    private static Func<JsonNode, bool> Titled(string title) => post => Title(post) == title;

    private static Uri ActionUrl(JsonNode card, string title) =>
        new((string)card["actions"]!.AsArray().Single(action => (string?)action!["title"] == title)!["url"]!);
}
