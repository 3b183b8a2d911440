using System.Net;
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
    public async Task CreatePlan_StepCallsHostNotAllowed_IsRefusedBeforeItIsShownForApproval()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Calls a host it may not", ("s1", Steps.Url(scope + "/s1")), ("s2", "http://not-allowed.invalid/x"));

        // Act
        using var response = await Api.PostAsync("api/plans", TestPlans.CreateRequest(plan, requireApproval: false));

        // Assert
        var problem = await Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors").GetProperty("plan.steps[s2]")[0].GetString();
        Assert.Contains("'not-allowed.invalid'", error, StringComparison.Ordinal);
        Assert.Contains("Tools:Http:AllowedHosts", error, StringComparison.Ordinal);
        Assert.Empty(Steps.CallsTo(scope + "/s1"));
    }

    [Fact]
    public async Task CreatePlan_StepCallsHostNotAllowedThroughAReference_FailsPlanAndSkipsLaterSteps()
    {
        // Arrange: s2's host is known only once s1 has answered, so it is refused when it runs.
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan(
            "Fails at s2",
            ("s1", Steps.Url(scope + "/s1")),
            ("s2", "http://not-allowed.invalid/{{steps.s1.output.status}}"),
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

    [Fact]
    public async Task CreatePlan_StepCallsThisServersApi_IsRefusedAndCannotApproveAnotherPlan()
    {
        // Arrange: another plan awaits approval and names no approvers; 127.0.0.1, where the server listens, is allowed.
        var scope = StepEndpoint.NewScope();
        var victim = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("The target", ("s1", Steps.Url(scope + "/victim")))));
        await Api.WaitForStatusAsync(victim.Id, PlanStatus.PendingApproval);
        var approveUrl = new Uri(fixture.Server.BaseAddress, $"api/plans/{victim.Id}/approve").ToString();
        var direct = TestPlans.HttpPlan("Approves the other plan", ("s1", approveUrl));
        direct["steps"]![0]!["parameters"]!["method"] = "POST";
        direct["steps"]![0]!["parameters"]!["body"] = """{"version": 1}""";
        var indirect = TestPlans.HttpPlan("Approves it through a reference", ("s1", Steps.Url(scope + "/s1")), ("s2", approveUrl + "?from={{steps.s1.output.status}}"));
        indirect["steps"]![1]!["parameters"]!["method"] = "POST";

        // Act
        using var refused = await Api.PostAsync("api/plans", TestPlans.CreateRequest(direct, requireApproval: false));
        var failed = await Api.WaitForStatusAsync((await Api.CreateAsync(TestPlans.CreateRequest(indirect, requireApproval: false))).Id, PlanStatus.Failed);
        var after = await Api.GetViewAsync(victim.Id);

        // Assert
        var problem = await Api.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("this app's own address", problem.GetProperty("errors").GetProperty("plan.steps[s1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("this app's own address", failed.Steps[1].Error, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingApproval, after.Status);
        Assert.Empty(after.Decisions);
    }
}
