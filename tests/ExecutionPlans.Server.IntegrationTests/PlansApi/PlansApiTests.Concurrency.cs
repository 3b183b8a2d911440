using System.Net;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Many people deciding at once: one decision applies, every other one that reached the plan is recorded.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task ApprovePlan_HundredAtOnce_AppliesOneRecordsTheOthersAndRunsTheStepOnce()
    {
        // Arrange: the step is held, so every approval that got through arrives while the plan executes.
        var scope = StepEndpoint.NewScope();
        Steps.Hold(scope + "/s1");
        var plan = TestPlans.HttpPlan("Hundred approvals", ("s1", Steps.Url(scope + "/s1")));
        var created = await Api.CreateAsync(TestPlans.CreateRequest(plan));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await Api.DecideAsync(created.Id, "approve", $$"""{"version": 1, "decisionId": "d-{{i}}"}""");
            return response.StatusCode;
        }));
        var accepted = answers.Count(status => status == HttpStatusCode.Accepted);
        await Api.WaitUntilAsync(created.Id, view => view.DecisionCounts.Values.Sum() == accepted, $"recording {accepted} decisions");
        Steps.Release(scope + "/s1");
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        // Every approval that got through is counted: one applied, the rest ignored (the view lists only the latest ones).
        Assert.Equal(new Dictionary<string, int> { ["applied"] = 1, ["ignored"] = accepted - 1 }.Where(p => p.Value > 0), done.DecisionCounts.OrderBy(p => p.Key));
        Assert.All(done.Decisions.Where(d => d.Outcome != DecisionOutcome.Applied), d => Assert.Equal(DecisionOutcome.Ignored, d.Outcome));
        Assert.Single(Steps.CallsTo(scope + "/s1"));
    }
}
