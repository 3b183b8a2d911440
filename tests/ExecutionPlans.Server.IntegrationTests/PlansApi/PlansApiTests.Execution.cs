using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Scenarios of running plans: cancel mid-run and failing steps.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task CancelPlan_WhileStepRuns_StopsBeforeNextStep()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        Steps.Hold(scope + "/s1");
        var plan = TestPlans.HttpPlan("Cancelled mid-run", ("s1", Steps.Url(scope + "/s1")), ("s2", Steps.Url(scope + "/s2")));
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        await Steps.WaitForCallAsync(scope + "/s1");

        // Act
        await Api.DecideAcceptedAsync(created.Id, "cancel", """{"reason": "stop it"}""");
        var requested = await Api.WaitUntilAsync(created.Id, view => view.CancelRequested, "marked cancel-requested");
        Steps.Release(scope + "/s1");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Cancelled);

        // Assert
        Assert.Equal(["s1:running", "s2:pending"], PlanAssert.Steps(requested));
        Assert.Equal(["s1:succeeded", "s2:skipped"], PlanAssert.Steps(done));
        Assert.Equal(["cancel/applied"], PlanAssert.Decisions(done));
        Assert.Contains("stop it", done.Error, StringComparison.Ordinal);
        Assert.False(done.CancelRequested);
        Assert.Single(Steps.CallsTo(scope + "/s1"));
        Assert.Empty(Steps.CallsTo(scope + "/s2"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task CreatePlan_StepCallsHostNotAllowed_FailsPlanAndSkipsLaterSteps()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan(
            "Fails at s2",
            ("s1", Steps.Url(scope + "/s1")),
            ("s2", "http://not-allowed.invalid/x"),
            ("s3", Steps.Url(scope + "/s3")));

        // Act
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Failed);

        // Assert
        Assert.Equal(["s1:succeeded", "s2:failed", "s3:skipped"], PlanAssert.Steps(done));
        Assert.Empty(PlanAssert.Decisions(done));
        Assert.Contains("Tools:Http:AllowedHosts", done.Steps[1].Error, StringComparison.Ordinal);
        Assert.Contains("s2", done.Error, StringComparison.Ordinal);
        Assert.Single(Steps.CallsTo(scope + "/s1"));
        Assert.Empty(Steps.CallsTo(scope + "/s3"));
        PlanAssert.Consistent(done);
    }
}
