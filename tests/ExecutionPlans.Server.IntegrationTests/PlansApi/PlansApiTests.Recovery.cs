using System.Net;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A failed plan recovered over HTTP: run again, or changed and approved, without running the succeeded steps again.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task RetryPlan_FailedPlan_RunsTheFailedAndSkippedStepsOnlyAndCompletes()
    {
        // Arrange: s2 answers 404 once (no retry), then 200; s3 carries s1's answer in.
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s2", [404, 200]);
        var plan = RecoveryPlan(scope, scope + "/s2");
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var failed = await Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.Failed && view.RecoverableUntil is not null, "recoverable failure");

        // Act
        var retried = await Api.DecideAcceptedAsync(created.Id, "retry", """{"version": 1, "decisionId": "retry-1", "comment": "the target is back"}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["s1:succeeded", "s2:failed", "s3:skipped"], PlanAssert.Steps(failed));
        Assert.True(failed.RecoverableUntil > failed.UpdatedAt);
        Assert.Equal(DecisionOutcome.Received, retried.Decisions[^1].Outcome);
        Assert.Single(Steps.CallsTo(scope + "/s1"));
        Assert.Equal(2, Steps.CallsTo(scope + "/s2").Count);
        Assert.Equal(Steps.CallsTo(scope + "/s1")[0].CallId, JsonNode.Parse(Assert.Single(Steps.CallsTo(scope + "/s3")).Body)!["callId"]!.GetValue<string>());
        Assert.Equal(["s1:succeeded", "s2:succeeded", "s3:succeeded"], PlanAssert.Steps(done));
        Assert.Null(done.RecoverableUntil);
        var retry = done.Decisions.Single(d => d.Kind == DecisionKind.Retry);
        Assert.Equal((DecisionOutcome.Applied, "retry-1", "the target is back"), (retry.Outcome, retry.DecisionId, retry.Comment));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task ModifyPlan_FailedPlanWithAnEditedStep_KeepsTheSucceededStepAndRunsTheRestAfterApproval()
    {
        // Arrange: s2 always answers 404; the edited plan points s2 elsewhere and keeps s1 and s3 as they were.
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s2", [404]);
        var created = await Api.CreateAsync(TestPlans.CreateRequest(RecoveryPlan(scope, scope + "/s2"), requireApproval: false));
        await Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.Failed && view.RecoverableUntil is not null, "recoverable failure");
        var edited = RecoveryPlan(scope, scope + "/s2-fixed");

        // Act
        await Api.DecideAcceptedAsync(created.Id, "modify", new JsonObject { ["version"] = 1, ["plan"] = edited }.ToJsonString());
        var pending = await Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.PendingApproval && view.Version == 2, "version 2 awaiting approval");
        await Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 2}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["s1:succeeded", "s2:pending", "s3:pending"], PlanAssert.Steps(pending));
        Assert.Single(Steps.CallsTo(scope + "/s1"));
        Assert.Single(Steps.CallsTo(scope + "/s2"));
        Assert.Single(Steps.CallsTo(scope + "/s2-fixed"));
        Assert.Equal(Steps.CallsTo(scope + "/s1")[0].CallId, JsonNode.Parse(Assert.Single(Steps.CallsTo(scope + "/s3")).Body)!["callId"]!.GetValue<string>());
        Assert.Equal(["s1:succeeded", "s2:succeeded", "s3:succeeded"], PlanAssert.Steps(done));
        Assert.Equal([RevisionAction.Submitted, RevisionAction.Modified], done.Revisions.Select(r => r.Action));
        Assert.Equal([DecisionKind.Modify, DecisionKind.Approve], done.Decisions.Where(d => d.Outcome == DecisionOutcome.Applied).Select(d => d.Kind));
    }

    [Fact]
    public async Task RetryPlan_PlanThatHasNotFailed_Answers409AndDeletingARecoverablePlanToo()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.AnswerWith(scope + "/s2", [404]);
        var completed = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Fine", ("s1", Steps.Url(scope + "/ok"))), requireApproval: false));
        await Api.WaitForStatusAsync(completed.Id, PlanStatus.Completed);
        var failing = await Api.CreateAsync(TestPlans.CreateRequest(RecoveryPlan(scope, scope + "/s2"), requireApproval: false));
        await Api.WaitUntilAsync(failing.Id, view => view.RecoverableUntil is not null, "recoverable failure");

        // Act
        using var retryCompleted = await Api.DecideAsync(completed.Id, "retry");
        using var deleteRecoverable = await Api.DeleteAsync(failing.Id);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, retryCompleted.StatusCode);
        Assert.Contains("only a failed plan can be retried", await retryCompleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, deleteRecoverable.StatusCode);
        Assert.Contains("recoverable until", await deleteRecoverable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>s1, then s2 (at <paramref name="secondPath"/>), then s3 posting s1's answer.</summary>
    private JsonObject RecoveryPlan(string scope, string secondPath) => new()
    {
        ["description"] = "Recover",
        ["steps"] = new JsonArray(
            GraphStep("s1", Steps.Url(scope + "/s1"), null),
            GraphStep("s2", Steps.Url(secondPath), null),
            GraphStep("s3", Steps.Url(scope + "/s3"), null, method: "POST", body: "{{steps.s1.output.json}}")),
    };
}
