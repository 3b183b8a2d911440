using System.Net;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>A server whose failed plans stay recoverable for two seconds: after that, failed for good.</summary>
public sealed class RecoveryWindowTests
{
    [Fact]
    public async Task FailedPlan_WindowCloses_IsFailedForGoodAndCanBeDeleted()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        await using var server = await ServerProcess.StartAsync(ServerSettings.InMemory().With("Execution__RecoveryWindow", "00:00:02"));
        var scope = StepEndpoint.NewScope();
        steps.AnswerWith(scope + "/s1", [404]);
        var plan = TestPlans.HttpPlan("Fails for good", ("s1", steps.Url(scope + "/s1")));

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var recoverable = await server.Api.WaitUntilAsync(created.Id, view => view.RecoverableUntil is not null, "recoverable failure");
        var final = await server.Api.WaitUntilAsync(created.Id, view => view.Status == PlanStatus.Failed && view.RecoverableUntil is null, "failed for good");
        using var retry = await server.Api.DecideAsync(created.Id, "retry");
        using var delete = await server.Api.DeleteAsync(created.Id);

        // Assert
        Assert.Equal(PlanStatus.Failed, recoverable.Status);
        Assert.True(recoverable.RecoverableUntil <= recoverable.UpdatedAt.AddSeconds(3));
        Assert.Contains("HTTP 404", final.Steps[0].Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("failed for good", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Single(steps.CallsTo(scope + "/s1"));
    }
}
