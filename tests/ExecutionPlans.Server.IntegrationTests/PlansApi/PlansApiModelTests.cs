using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>
/// The HTTP API of a server whose model is a scripted OpenAI-compatible server: what the model is asked, and what its
/// answer becomes. Every scenario runs on both engines (one derived class each) with the same assertions.
/// </summary>
public abstract class PlansApiModelTests
{
    private readonly ModelServerFixture fixture;

    private protected PlansApiModelTests(ModelServerFixture fixture)
    {
        this.fixture = fixture;
    }

    private PlansClient Api => fixture.Server.Api;

    private StepEndpoint Steps => fixture.Steps;

    private FakeChatCompletionServer Model => fixture.Model;

    [Fact]
    public async Task ModifyPlan_FailedPlanWithFeedback_ShowsTheModelTheFailureAndRunsItsPlanWithoutTheSucceededStepAgain()
    {
        // Arrange: s2 always answers 404; the model answers with s2 pointed elsewhere and s1 and s3 as they were.
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s2", [404]);
        var created = await Api.CreateAsync(TestPlans.CreateRequest(RecoveryPlan(scope, scope + "/s2"), requireApproval: false));
        var failed = await Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.Failed && view.RecoverableUntil is not null, "recoverable failure");
        var feedback = TestPlans.Unique("s2 has moved to s2-fixed");
        var askedBefore = Model.Requests.Count;
        Model.Enqueue(ScriptedReply.Answer(RecoveryPlan(scope, scope + "/s2-fixed").ToJsonString()));

        // Act
        await Api.DecideAcceptedAsync(created.Id, "modify", new JsonObject { ["version"] = 1, ["feedback"] = feedback }.ToJsonString());
        var pending = await Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.PendingApproval && view.Version == 2, "version 2 awaiting approval");
        await Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 2}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert: the model was asked once, and shown the failure, its error and what s1 answered.
        var s1Call = Assert.Single(Steps.CallsTo(scope + "/s1"));
        var asked = Assert.Single(Model.Requests.Skip(askedBefore));
        Assert.Equal("user", asked.MessageRole(1));
        var prompt = asked.MessageContent(1);
        Assert.Contains(feedback, prompt, StringComparison.Ordinal);
        Assert.Contains("The plan ran and failed: " + failed.Error, prompt, StringComparison.Ordinal);
        Assert.Contains("- s2 failed: " + failed.Steps[1].Error, prompt, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", failed.Steps[1].Error, StringComparison.Ordinal);
        Assert.Contains("- s1 succeeded; its output: ", prompt, StringComparison.Ordinal);
        Assert.Contains(s1Call.CallId, prompt, StringComparison.Ordinal);
        Assert.Contains("- s3 did not run.", prompt, StringComparison.Ordinal);

        // The new version kept s1 with its output, ran the rest once, and s3 got s1's answer through the reference.
        Assert.Equal(["s1:succeeded", "s2:failed", "s3:skipped"], PlanAssert.Steps(failed));
        Assert.Equal(["s1:succeeded", "s2:pending", "s3:pending"], PlanAssert.Steps(pending));
        Assert.Equal(failed.Steps[0].Output, pending.Steps[0].Output);
        Assert.Equal(["s1:succeeded", "s2:succeeded", "s3:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(failed.Steps[0].Output, done.Steps[0].Output);
        Assert.Single(Steps.CallsTo(scope + "/s2"));
        Assert.Single(Steps.CallsTo(scope + "/s2-fixed"));
        Assert.Equal(s1Call.CallId, JsonNode.Parse(Assert.Single(Steps.CallsTo(scope + "/s3")).Body)!["callId"]!.GetValue<string>());

        // Decisions and revisions tell the story: changed on version 1 by feedback, version 2 approved.
        Assert.Equal(["modify/applied", "approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal([1, 2], done.Decisions.Select(d => d.PlanVersion));
        Assert.Equal([(1, RevisionAction.Submitted), (2, RevisionAction.Modified)], done.Revisions.Select(r => (r.Version, r.Action)));
        Assert.Equal(feedback, done.Revisions[1].Feedback);
        Assert.Equal(2, done.Version);
        Assert.Null(done.RecoverableUntil);
        PlanAssert.Consistent(done);
    }

    /// <summary>s1, then s2 (at <paramref name="secondPath"/>), then s3 posting s1's answer.</summary>
    private JsonObject RecoveryPlan(string scope, string secondPath) => new()
    {
        ["description"] = "Recover",
        ["steps"] = new JsonArray(
            HttpStep("s1", "GET", Steps.Url(scope + "/s1")),
            HttpStep("s2", "GET", Steps.Url(secondPath)),
            HttpStep("s3", "POST", Steps.Url(scope + "/s3"), body: "{{steps.s1.output.json}}")),
    };

    private static JsonObject HttpStep(string id, string method, string url, string? body = null)
    {
        var parameters = new JsonObject { ["method"] = method, ["url"] = url };
        if (body is not null)
        {
            parameters["body"] = body;
        }

        return new JsonObject { ["id"] = id, ["toolName"] = "http_request", ["description"] = $"Call {id}", ["parameters"] = parameters };
    }
}
