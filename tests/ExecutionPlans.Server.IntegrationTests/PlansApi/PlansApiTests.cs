using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>
/// The HTTP API of the server process, scenario by scenario. Every scenario runs on both engines (one derived
/// class each) with the same assertions, so both must show the same statuses, step statuses and decisions.
/// </summary>
public abstract partial class PlansApiTests
{
    private readonly ServerFixture fixture;

    private protected PlansApiTests(ServerFixture fixture)
    {
        this.fixture = fixture;
    }

    private PlansClient Api => fixture.Server.Api;

    private StepEndpoint Steps => fixture.Steps;

    private ServerEngine Engine => fixture.Engine;

    [Fact]
    public async Task ApprovePlan_PendingPlan_RunsEveryStepOnceInOrder()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Approve path", ("s1", Steps.Url(scope + "/s1")), ("s2", Steps.Url(scope + "/s2")));
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan));
        var pending = await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 1, "decisionId": "d-1", "comment": "looks good"}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(PlanStatus.Draft, created.Status);
        Assert.NotNull(pending.ApprovalExpiresAt);
        Assert.Equal(["s1:succeeded", "s2:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal("looks good", done.Decisions[0].Comment);
        Assert.Equal("d-1", done.Decisions[0].DecisionId);
        Assert.True(done.UserApproved);
        Assert.Equal(1, done.Version);
        Assert.Null(done.ApprovalExpiresAt);
        var first = Assert.Single(Steps.CallsTo(scope + "/s1"));
        var second = Assert.Single(Steps.CallsTo(scope + "/s2"));
        Assert.True(first.At <= second.At, "s2 was called before s1.");
        AssertOutputOf(done.Steps[0], 200, first.CallId);
        AssertOutputOf(done.Steps[1], 200, second.CallId);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task ModifyPlan_ReplacementPlanThenApprove_RunsTheReplacement()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var original = TestPlans.HttpPlan("Before the change", ("s1", Steps.Url(scope + "/old")));
        var replacement = TestPlans.HttpPlan("After the change", ("a", Steps.Url(scope + "/new-a")), ("b", Steps.Url(scope + "/new-b")));
        var created = await Api.CreateAsync(TestPlans.CreateRequest(original));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await Api.DecideAcceptedAsync(created.Id, "modify", JsonSerializer.Serialize(new { version = 1, plan = replacement }));
        var changed = await Api.WaitUntilAsync(created.Id, view => view.Version == 2 && view.Status == PlanStatus.PendingApproval, "at version 2 awaiting approval");
        await Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 2}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal("After the change", changed.Description);
        Assert.Equal(["a:pending", "b:pending"], PlanAssert.Steps(changed));
        Assert.Equal(["a:succeeded", "b:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["modify/applied", "approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal([RevisionAction.Submitted, RevisionAction.Modified], done.Revisions.Select(revision => revision.Action));
        Assert.Equal(2, done.Version);
        Assert.Empty(Steps.CallsTo(scope + "/old"));
        Assert.Single(Steps.CallsTo(scope + "/new-a"));
        Assert.Single(Steps.CallsTo(scope + "/new-b"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task RejectPlan_PendingPlan_EndsCancelledWithoutRunningSteps()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Rejected", ("s1", Steps.Url(scope + "/s1")))));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await Api.DecideAcceptedAsync(created.Id, "reject", """{"reason": "not now"}""");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        Assert.Equal(["s1:skipped"], PlanAssert.Steps(done));
        Assert.Equal(["reject/applied"], PlanAssert.Decisions(done));
        Assert.Contains("not now", done.Error, StringComparison.Ordinal);
        Assert.False(done.UserApproved);
        Assert.Empty(Steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_NoDecisionBeforeApprovalTimeout_EndsCancelledWithTimeoutDecision()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var request = TestPlans.CreateRequest(TestPlans.HttpPlan("Times out", ("s1", Steps.Url(scope + "/s1"))), approvalTimeout: "PT2S");

        // Act
        var created = await Api.CreateAsync(request);
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        Assert.Equal(["s1:skipped"], PlanAssert.Steps(done));
        Assert.Equal(["timeout/applied"], PlanAssert.Decisions(done));
        Assert.Contains("No decision within", done.Error, StringComparison.Ordinal);
        Assert.Empty(Steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    private static void AssertOutputOf(ExecutionStep step, int status, string callId)
    {
        Assert.NotNull(step.Output);
        using var output = JsonDocument.Parse(step.Output);
        Assert.Equal(status, output.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(callId, output.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
    }
}
