using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>Who may decide: per-plan approvers and the no-self-approval rule answer 403 and raise nothing.</summary>
public partial class PlansFunctionsTests
{
    [Theory]
    [InlineData("mallory", "not an approver")]
    [InlineData(null, "anonymous")]
    public async Task ApprovePlanAsync_CallerIsNotAnApprover_Returns403AndRaisesNothing(string? user, string expectedDetail)
    {
        var functions = Functions();
        var view = TestPlans.View(PlanStatus.PendingApproval);
        view.Approvers = ["bob"];
        client.With(view);
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve", "{}");
        if (user is not null)
        {
            exchange.WithUser(user);
        }

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        var detail = response.AssertProblem(403).GetProperty("detail").GetString();
        Assert.Contains(expectedDetail, detail, StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    [Fact]
    public async Task ApprovePlanAsync_RequesterApprovesOwnPlan_Returns403()
    {
        var functions = Functions();
        var view = TestPlans.View(PlanStatus.PendingApproval);
        view.RequestedBy = "alice";
        client.With(view);
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve", "{}").WithUser("alice");

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Contains("may not approve", response.AssertProblem(403).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    [Fact]
    public async Task ApprovePlanAsync_AppServicePrincipalTrusted_RecordsThePrincipalAsApprover()
    {
        var functions = Functions(new() { ["Approvals:TrustAppServiceAuthentication"] = "true" });
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        var principal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"preferred_username","claims":[{"typ":"preferred_username","val":"oncall@contoso.com"}]}"""));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve", "{}");
        exchange.Request.Headers["X-MS-CLIENT-PRINCIPAL"] = principal;

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("oncall@contoso.com", Assert.Single(client.RaisedEvents).Payload.GetProperty("by").GetString());
    }

    [Fact]
    public async Task ApprovePlanAsync_AppServicePrincipalNotTrusted_IgnoresTheHeader()
    {
        var functions = Functions(new() { ["Approvals:TrustAppServiceAuthentication"] = "false" });
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        using var exchange = HttpExchange.Post($"/api/plans/{TestPlans.PlanId}/approve", "{}");
        exchange.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = "spoofed@contoso.com";

        var response = await exchange.ExecuteAsync(await functions.ApprovePlanAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(client.RaisedEvents).Payload.GetProperty("by").ValueKind);
    }
}
