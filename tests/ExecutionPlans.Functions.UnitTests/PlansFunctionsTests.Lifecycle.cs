using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>Cancel and delete.</summary>
public sealed partial class PlansFunctionsTests
{
    [Theory]
    [InlineData(PlanStatus.PendingApproval)]
    [InlineData(PlanStatus.Executing)]
    public async Task CancelPlanAsync_PlanNotEnded_Returns202AndRaisesCancel(PlanStatus status)
    {
        var functions = Functions();
        client.With(TestPlans.View(status));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/cancel", """{"reason": "Wrong day"}""").WithUser("bob");

        var response = await exchange.ExecuteAsync(await functions.CancelPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}", response.Location);
        var raised = Assert.Single(client.RaisedEvents);
        Assert.Equal(PlanEvents.Cancel, raised.Name);
        Assert.Equal("Wrong day", raised.Payload.GetProperty("reason").GetString());
        Assert.Equal("bob", raised.Payload.GetProperty("by").GetString());
    }

    [Fact]
    public async Task CancelPlanAsync_NoBody_Returns202AndRaisesCancel()
    {
        var functions = Functions();
        client.With(TestPlans.View(PlanStatus.Executing));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/cancel");

        var response = await exchange.ExecuteAsync(await functions.CancelPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(PlanEvents.Cancel, Assert.Single(client.RaisedEvents).Name);
    }

    [Theory]
    [InlineData(PlanStatus.Completed, OrchestrationRuntimeStatus.Completed)]
    [InlineData(PlanStatus.Cancelled, OrchestrationRuntimeStatus.Completed)]
    [InlineData(PlanStatus.Executing, OrchestrationRuntimeStatus.Terminated)]
    public async Task CancelPlanAsync_PlanEnded_Returns409(PlanStatus status, OrchestrationRuntimeStatus runtimeStatus)
    {
        var functions = Functions();
        client.With(TestPlans.View(status), runtimeStatus);
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/cancel");

        var response = await exchange.ExecuteAsync(await functions.CancelPlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        response.AssertProblem(409);
        Assert.Empty(client.RaisedEvents);
    }

    [Theory]
    [InlineData(PlanStatus.Completed, OrchestrationRuntimeStatus.Completed)]
    [InlineData(PlanStatus.Failed, OrchestrationRuntimeStatus.Completed)]
    [InlineData(PlanStatus.Executing, OrchestrationRuntimeStatus.Failed)]
    public async Task DeletePlanAsync_PlanEnded_Returns204AndPurgesIt(PlanStatus status, OrchestrationRuntimeStatus runtimeStatus)
    {
        var functions = Functions();
        client.With(TestPlans.View(status), runtimeStatus);
        using var exchange = HttpExchange.Delete($"/api/plans/{TestPlans.PlanId}");

        var response = await exchange.ExecuteAsync(await functions.DeletePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(204, response.StatusCode);
        Assert.Empty(response.Body);
        Assert.Equal([TestPlans.PlanId], client.Purged);
    }

    [Theory]
    [InlineData(PlanStatus.PendingApproval)]
    [InlineData(PlanStatus.Executing)]
    public async Task DeletePlanAsync_PlanRunning_Returns409AndKeepsIt(PlanStatus status)
    {
        var functions = Functions();
        client.With(TestPlans.View(status));
        using var exchange = HttpExchange.Delete($"/api/plans/{TestPlans.PlanId}");

        var response = await exchange.ExecuteAsync(await functions.DeletePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        var detail = response.AssertProblem(409).GetProperty("detail").GetString();
        Assert.Contains(status.ToWireName(), detail, StringComparison.Ordinal);
        Assert.Empty(client.Purged);
    }

    [Fact]
    public async Task DeletePlanAsync_UnknownPlan_Returns404()
    {
        var functions = Functions();
        using var exchange = HttpExchange.Delete("/api/plans/nope");

        var response = await exchange.ExecuteAsync(await functions.DeletePlanAsync(exchange.Request, "nope", client.Object));

        response.AssertProblem(404);
        Assert.Empty(client.Purged);
    }
}
