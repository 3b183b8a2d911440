using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>
/// The approval policy end to end on the server process, on both engines (one derived class each): reads run on
/// their own, destructive plans need two distinct approvers and a checkpoint, step checkpoints are confirmed, skipped
/// or rejected with their resolved parameters shown, a stale plan hash is refused, nobody deciding in time escalates,
/// and the inbox lists exactly the caller's pending decisions. Callers are named the way App Service names them.
/// </summary>
public abstract class ApprovalPolicyTests
{
    private const string Principal = "X-MS-CLIENT-PRINCIPAL-NAME";
    private const string Requester = "alice";

    private readonly PolicyServerFixture fixture;

    private protected ApprovalPolicyTests(PolicyServerFixture fixture)
    {
        this.fixture = fixture;
    }

    private StepEndpoint Steps => fixture.Steps;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task CreatePlan_ReadOnlyPlanUnderAPolicyWithReadZero_RunsWithoutApprovalRecordedAsByPolicy()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Read the status", Step("s1", "GET", Steps.Url(scope + "/status")));

        // Act
        var created = await As(Requester).CreateAsync(Create(plan, approvers: ["bob"]));
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(ToolRisk.Read, done.Risk);
        Assert.Equal(ToolRisk.Read, done.Steps[0].Risk);
        Assert.Equal(0, done.Approvals!.Required);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, "policy"), (decision.Kind, decision.Outcome, decision.By));
        Assert.Equal(done.PlanHash, decision.PlanHash);
        Assert.Single(Steps.CallsTo(scope + "/status"));
    }

    [Fact]
    public async Task ApprovePlan_DestructivePlan_NeedsTwoDistinctApproversNotTheRequesterThenItsCheckpoint()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Drop the stale cache", Step("drop", "DELETE", Steps.Url(scope + "/cache")));
        var created = await As(Requester).CreateAsync(Create(plan, approvers: [Requester, "bob", "carol"]));
        var pending = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act: the requester may not approve; bob twice counts once; carol makes the quorum.
        using var own = await As(Requester).DecideAsync(created.Id, "approve", "{}");
        await Server.Api.ExpectProblemAsync(own, HttpStatusCode.Forbidden);
        await As("bob").DecideAcceptedAsync(created.Id, "approve", Hash(pending));
        await As("BOB").DecideAcceptedAsync(created.Id, "approve", Hash(pending));
        var afterBob = await Server.Api.WaitUntilAsync(created.Id, view => view.Decisions.Count(d => d.Kind == DecisionKind.Approve) == 2, "with bob's two approvals recorded");
        await As("carol").DecideAcceptedAsync(created.Id, "approve", Hash(pending));
        var held = await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");

        // Act: the step needs two confirmations too.
        await As("carol").DecideAcceptedAsync(created.Id, "steps/drop/approve", Hash(held));
        var afterOne = await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints?[0].Approvals.Received.Count == 1, "with one confirmation");
        var calledAfterOne = Steps.CallsTo(scope + "/cache").Count;
        await As("bob").DecideAcceptedAsync(created.Id, "steps/drop/approve", Hash(held));
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(ToolRisk.Destructive, pending.Risk);
        Assert.Equal(2, pending.Approvals!.Required);
        Assert.Equal(PlanStatus.PendingApproval, afterBob.Status);
        Assert.Equal(["bob"], afterBob.Approvals!.Received);
        Assert.Equal(
            [DecisionOutcome.Applied, DecisionOutcome.Duplicate],
            afterBob.Decisions.Where(d => d.Kind == DecisionKind.Approve).Select(d => d.Outcome));
        Assert.Equal(StepStatus.AwaitingApproval, held.Steps[0].Status);
        Assert.Equal(Steps.Url(scope + "/cache"), held.Steps[0].ResolvedParameters!["url"]!.GetValue<string>());
        Assert.Equal(2, held.Checkpoints![0].Approvals.Required);
        Assert.Equal(["carol"], afterOne.Checkpoints![0].Approvals.Received);
        Assert.Equal(0, calledAfterOne);
        Assert.Equal(["drop:succeeded"], PlanAssert.Steps(done));
        Assert.Single(Steps.CallsTo(scope + "/cache"));
        Assert.Equal(["bob", "carol"], done.Approvals!.Received);
        Assert.Equal(pending.PlanHash, done.PlanHash);
    }

    [Fact]
    public async Task CreatePlan_ApproversWhoCannotMeetTheQuorum_IsRefusedWithTheReason()
    {
        // Arrange: only the requester and the escalation lead could approve; a destructive plan needs two who count.
        var plan = Plan("Drop the database", Step("drop", "DELETE", Steps.Url(StepEndpoint.NewScope() + "/db")));

        // Act
        using var response = await As(Requester).PostAsync("api/plans", Create(plan, approvers: [Requester]));

        // Assert
        var problem = await Server.Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors").GetProperty("approvers")[0].GetString();
        Assert.Equal($"The plan (destructive) needs 2 distinct approvers, but only 1 of the approvers named can approve it ({Requester} requested the plan and does not count): name more approvers.", error);
    }

    [Fact]
    public async Task ApproveStep_CheckpointWithAReference_WaitsWithTheResolvedParametersAndRunsWithThem()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await As(Requester).CreateAsync(Create(CheckpointPlan(scope), approvers: ["bob"]));
        await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await As("bob").DecideAcceptedAsync(created.Id, "approve", "{}");
        var held = await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");

        // Act
        await As("bob").DecideAcceptedAsync(created.Id, "steps/notify/approve", """{"comment": "the numbers look right"}""");
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert: the held step shows the body with the first step's output filled in, and is sent exactly that.
        Assert.Equal(["read:succeeded", "notify:awaiting_approval", "after:pending"], PlanAssert.Steps(held));
        var shown = held.Steps[1].ResolvedParameters!["body"]!.GetValue<string>();
        Assert.Equal(held.Steps[0].Output, shown);
        Assert.Equal(shown, Assert.Single(Steps.CallsTo(scope + "/notify")).Body);
        Assert.Equal(["read:succeeded", "notify:succeeded", "after:succeeded"], PlanAssert.Steps(done));
        var confirmation = done.Decisions.Last(d => d.Kind == DecisionKind.Approve);
        Assert.Equal(("notify", "bob", DecisionOutcome.Applied), (confirmation.StepId, confirmation.By, confirmation.Outcome));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CheckpointCard_ApproveStepLinkFollowedAndFormPosted_RunsTheStepConfirmedByTheTeamsChannel()
    {
        // Arrange: the Teams channel is one of the approvers, so its card's links may decide.
        const string teams = "Teams channel";
        var scope = StepEndpoint.NewScope();
        var created = await As(Requester).CreateAsync(Create(CheckpointPlan(scope), approvers: ["bob", teams]));
        await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await As("bob").DecideAcceptedAsync(created.Id, "approve", "{}");
        var held = await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");
        var post = await fixture.Receiver.WaitForPostAsync(
            p => p.ToJsonString().Contains(created.Id, StringComparison.Ordinal) && CardTitle(p) == "Step awaits confirmation",
            "asking to confirm the held step");
        var card = WebhookReceiver.CardOf(post);
        using var browser = new ReviewPageClient();

        // Act
        var page = await browser.OpenAsync(CardAction(card, "Approve step"));
        using var posted = await browser.SubmitAsync(page, "approve", "Confirmed from Teams");
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert: the card and the page show the step with the body it is sent, and the link decided on that step.
        var resolved = held.Steps[1].ResolvedParameters!["body"]!.GetValue<string>();
        Assert.Equal(["Approve step", "Skip step", "Reject plan", "Review"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Contains("Runs with: method: POST", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Confirm the step", page.Html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(held.PlanHash![..12]), page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var confirmation = done.Decisions.Last(d => d.Kind == DecisionKind.Approve);
        Assert.Equal(("notify", teams, DecisionOutcome.Applied, "Confirmed from Teams"), (confirmation.StepId, confirmation.By, confirmation.Outcome, confirmation.Comment));
        Assert.Equal(held.PlanHash, confirmation.PlanHash);
        Assert.Equal(resolved, Assert.Single(Steps.CallsTo(scope + "/notify")).Body);
        Assert.Equal(["read:succeeded", "notify:succeeded", "after:succeeded"], PlanAssert.Steps(done));
    }

    [Fact]
    public async Task SkipStep_HeldStep_SkipsItAndTheStepAfterItAndCompletes()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await As(Requester).CreateAsync(Create(CheckpointPlan(scope), approvers: ["bob"]));
        await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await As("bob").DecideAcceptedAsync(created.Id, "approve", "{}");
        await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");

        // Act
        await As("bob").DecideAcceptedAsync(created.Id, "steps/notify/skip", """{"reason": "Not during the freeze."}""");
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["read:succeeded", "notify:skipped", "after:skipped"], PlanAssert.Steps(done));
        Assert.Equal("Skipped at its checkpoint by bob: Not during the freeze.", done.Steps[1].Error);
        Assert.Empty(Steps.CallsTo(scope + "/notify"));
        Assert.Empty(Steps.CallsTo(scope + "/after"));
    }

    [Fact]
    public async Task RejectStep_HeldStep_EndsThePlanCancelledWithoutCallingIt()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await As(Requester).CreateAsync(Create(CheckpointPlan(scope), approvers: ["bob"]));
        await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        await As("bob").DecideAcceptedAsync(created.Id, "approve", "{}");
        await Server.Api.WaitUntilAsync(created.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");

        // Act
        using var stranger = await As("mallory").PostAsync($"api/plans/{created.Id}/steps/notify/reject", "{}");
        using var unknown = await As("bob").PostAsync($"api/plans/{created.Id}/steps/nope/approve", "{}");
        using var running = await As("bob").PostAsync($"api/plans/{created.Id}/steps/read/approve", "{}");
        await As("bob").DecideAcceptedAsync(created.Id, "steps/notify/reject", """{"reason": "Wrong channel."}""");
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        await Server.Api.ExpectProblemAsync(stranger, HttpStatusCode.Forbidden);
        await Server.Api.ExpectProblemAsync(unknown, HttpStatusCode.NotFound);
        await Server.Api.ExpectProblemAsync(running, HttpStatusCode.Conflict);
        Assert.Equal("Rejected at step 'notify' by bob: Wrong channel.", done.Error);
        Assert.Equal(["read:succeeded", "notify:skipped", "after:skipped"], PlanAssert.Steps(done));
        Assert.Empty(Steps.CallsTo(scope + "/notify"));
    }

    [Fact]
    public async Task ApprovePlan_OldPlanHash_IsRefusedAsStaleAndTheCurrentHashApplies()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Restart the API", Step("restart", "POST", Steps.Url(scope + "/restart")));
        var created = await As(Requester).CreateAsync(Create(plan, approvers: ["bob"]));
        var first = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);
        var replacement = Plan("Restart the API, gently", Step("restart", "POST", Steps.Url(scope + "/restart-gently")));
        await As("bob").DecideAcceptedAsync(created.Id, "modify", JsonSerializer.Serialize(new { plan = replacement }));
        var second = await Server.Api.WaitUntilAsync(created.Id, view => view.Version == 2 && view.Status == PlanStatus.PendingApproval, "at version 2");

        // Act
        using var stale = await As("bob").DecideAsync(created.Id, "approve", Hash(first));
        await As("bob").DecideAcceptedAsync(created.Id, "approve", Hash(second));
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        var problem = await Server.Api.ExpectProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Contains(first.PlanHash!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(first.PlanHash, second.PlanHash);
        Assert.Equal(second.PlanHash, done.PlanHash);
        Assert.Empty(Steps.CallsTo(scope + "/restart"));
        Assert.Single(Steps.CallsTo(scope + "/restart-gently"));
    }

    [Fact]
    public async Task CreatePlan_NobodyDecidesInTime_EscalationApproversAreAddedNotifiedAndMayApprove()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = Plan("Rotate the key", Step("rotate", "POST", Steps.Url(scope + "/rotate")));

        // Act
        var created = await As(Requester).CreateAsync(Create(plan, approvers: ["bob"]));
        var escalated = await Server.Api.WaitUntilAsync(created.Id, view => view.Approvers.Contains(PolicyServerFixture.Lead), "escalated");
        var notified = await Server.Api.WaitUntilAsync(created.Id, view => view.Notifications.Any(n => n.Kind == NotificationKind.Escalated), "with the escalation notified");
        await As(PolicyServerFixture.Lead).DecideAcceptedAsync(created.Id, "approve", "{}");
        var done = await Server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["bob", PolicyServerFixture.Lead], escalated.Approvers);
        var escalation = Assert.Single(escalated.Decisions, d => d.Kind == DecisionKind.Escalate);
        Assert.Equal(DecisionOutcome.Applied, escalation.Outcome);
        Assert.True(escalation.At - created.CreatedAt >= PolicyServerFixture.EscalateAfter - TimeSpan.FromSeconds(1), $"Escalated at {escalation.At:O}, created at {created.CreatedAt:O}.");
        var told = notified.Notifications.Single(n => n.Kind == NotificationKind.Escalated);
        Assert.True(told.Delivered, told.Detail);
        Assert.Contains(fixture.Receiver.Posts, post => post.ToJsonString().Contains(created.Id, StringComparison.Ordinal));
        Assert.Equal(PolicyServerFixture.Lead, done.Decisions.Last(d => d.Kind == DecisionKind.Approve).By);
    }

    [Fact]
    public async Task ListApprovals_SeveralPlans_ListsExactlyTheCallersPendingDecisions()
    {
        // Arrange: names of this test only, so plans of other tests cannot show up.
        var erin = TestPlans.Unique("erin");
        var frank = TestPlans.Unique("frank");
        var scope = StepEndpoint.NewScope();
        var forErin = await As(Requester).CreateAsync(Create(Plan("For erin", Step("s1", "POST", Steps.Url(scope + "/a"))), approvers: [erin]));
        var forFrank = await As(Requester).CreateAsync(Create(Plan("For frank", Step("s1", "POST", Steps.Url(scope + "/b"))), approvers: [frank]));
        var forBoth = await As(Requester).CreateAsync(Create(Plan("For both", Step("s1", "DELETE", Steps.Url(scope + "/c"))), approvers: [erin, frank]));
        var checkpoint = await As(Requester).CreateAsync(Create(CheckpointPlan(scope), approvers: [erin, frank]));
        foreach (var id in new[] { forErin.Id, forFrank.Id, forBoth.Id, checkpoint.Id })
        {
            await Server.Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);
        }

        await As(erin).DecideAcceptedAsync(forBoth.Id, "approve", "{}");
        await As(frank).DecideAcceptedAsync(checkpoint.Id, "approve", "{}");
        await Server.Api.WaitUntilAsync(forBoth.Id, view => view.Approvals?.Received.Count == 1, "with erin's approval");
        await Server.Api.WaitUntilAsync(checkpoint.Id, view => view.Checkpoints is { Count: 1 }, "held at its checkpoint");

        // Act
        var erins = await InboxAsync(As(erin), "api/approvals");
        var franks = await InboxAsync(As(frank), "api/approvals");
        var byOperator = await InboxAsync(As(PolicyServerFixture.Operator), $"api/approvals?approver={frank}");
        using var nosy = await As(frank).GetPathAsync($"api/approvals?approver={erin}");

        // Assert: erin approved "for both" already; frank still has to; both may confirm the held step.
        Assert.Equal(erin, erins.Approver);
        Assert.Equal(
            new[] { ("plan", forErin.Id, (string?)null), ("step", checkpoint.Id, "notify") }.Order(),
            Sorted(erins));
        Assert.Equal(
            new[] { ("plan", forBoth.Id, (string?)null), ("plan", forFrank.Id, null), ("step", checkpoint.Id, "notify") }.Order(),
            Sorted(franks));
        Assert.Equal(Sorted(franks), Sorted(byOperator));
        var step = erins.Items.Single(item => item.Kind == "step");
        Assert.Equal($"/api/plans/{checkpoint.Id}/steps/notify/approve", step.ApprovePath);
        Assert.Equal(1, step.Approvals!.Required);
        var both = franks.Items.Single(item => item.PlanId == forBoth.Id);
        Assert.Equal((ToolRisk.Destructive, 2), (both.Risk, both.Approvals!.Required));
        Assert.Equal([erin], both.Approvals.Received);
        await Server.Api.ExpectProblemAsync(nosy, HttpStatusCode.Forbidden);
    }

    private static string? CardTitle(JsonNode post) => (string?)WebhookReceiver.CardOf(post)["body"]![0]!["text"];

    private static Uri CardAction(JsonNode card, string title) =>
        new((string)card["actions"]!.AsArray().Single(action => (string?)action!["title"] == title)!["url"]!);

    private PlansClient As(string principal) => Server.ApiAs(Principal, principal);

    private static async Task<PendingDecisions> InboxAsync(PlansClient api, string path)
    {
        using var response = await api.GetPathAsync(path);
        return PlansClient.Parse<PendingDecisions>(await api.ExpectAsync(response, HttpStatusCode.OK));
    }

    private static List<(string Kind, string PlanId, string? StepId)> Sorted(PendingDecisions inbox) =>
        [.. inbox.Items.Select(item => (item.Kind, item.PlanId, item.StepId)).Order()];

    private static string Hash(PlanView view) => JsonSerializer.Serialize(new { planHash = view.PlanHash });

    /// <summary>read (GET) → notify (POST of read's output, checkpoint) → after (GET, needs notify).</summary>
    private JsonObject CheckpointPlan(string scope)
    {
        var notify = Step("notify", "POST", Steps.Url(scope + "/notify"));
        notify["parameters"]!["body"] = "{{steps.read.output}}";
        notify["checkpoint"] = true;
        return Plan("Report the numbers", Step("read", "GET", Steps.Url(scope + "/read")), notify, Step("after", "GET", Steps.Url(scope + "/after")));
    }

    private static JsonObject Plan(string description, params JsonObject[] steps) =>
        new() { ["description"] = description, ["steps"] = new JsonArray([.. steps]) };

    private static JsonObject Step(string id, string method, string url) => new()
    {
        ["id"] = id,
        ["toolName"] = "http_request",
        ["description"] = $"{method} {url}",
        ["parameters"] = new JsonObject { ["method"] = method, ["url"] = url },
    };

    private static string Create(JsonObject plan, string[] approvers) =>
        new JsonObject { ["plan"] = plan.DeepClone(), ["approvers"] = new JsonArray([.. approvers.Select(a => (JsonNode)a)]) }.ToJsonString();
}

/// <summary>The approval policy scenarios in memory.</summary>
public sealed class ApprovalPolicyInMemoryTests(InMemoryPolicyServerFixture fixture) : ApprovalPolicyTests(fixture), IClassFixture<InMemoryPolicyServerFixture>;

/// <summary>The approval policy scenarios on Azure Storage (Azurite): the same observable results.</summary>
public sealed class ApprovalPolicyAzureStorageTests(AzureStoragePolicyServerFixture fixture) : ApprovalPolicyTests(fixture), IClassFixture<AzureStoragePolicyServerFixture>;
