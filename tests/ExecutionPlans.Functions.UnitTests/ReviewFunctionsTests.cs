using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>The review page's triggers hand over to the shared review-page logic, with the link as the only credential.</summary>
public sealed class ReviewFunctionsTests : IDisposable
{
    private const string SigningKey = "functions-review-signing-key-0123456789";
    private readonly DurableClientFake client = new();
    private readonly ServiceProvider provider = TestServices.Build(new() { ["Approvals:SigningKey"] = SigningKey });

    public void Dispose() => provider.Dispose();

    private ReviewFunctions Functions() =>
        new(provider.GetRequiredService<PlanApiServices>(), provider.GetRequiredService<ApprovalLinkSigner>());

    [Fact]
    public async Task GetReviewPageAsync_ValidLink_ShowsThePlanWithItsDecisionForm()
    {
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        var token = provider.GetRequiredService<ApprovalLinkSigner>().Sign(TestPlans.PlanId, 1, "bob", DateTimeOffset.UtcNow.AddHours(1));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}/review", $"?token={Uri.EscapeDataString(token)}");

        var response = await exchange.ExecuteAsync(await Functions().GetReviewPageAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Check the status page", response.Body, StringComparison.Ordinal);
        Assert.Contains("<form", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_TamperedLink_Returns403WithoutTheForm()
    {
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}/review", "?token=forged.token");

        var response = await exchange.ExecuteAsync(await Functions().GetReviewPageAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(403, response.StatusCode);
        Assert.DoesNotContain("<form", response.Body, StringComparison.Ordinal);
        Assert.Empty(client.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_NoCsrfCookie_Returns403AndDecidesNothing()
    {
        client.With(TestPlans.View(PlanStatus.PendingApproval));
        var token = provider.GetRequiredService<ApprovalLinkSigner>().Sign(TestPlans.PlanId, 1, "bob", DateTimeOffset.UtcNow.AddHours(1));
        using var exchange = HttpExchange.Get($"/api/plans/{TestPlans.PlanId}/review");
        exchange.Request.Method = "POST";
        exchange.Request.ContentType = "application/x-www-form-urlencoded";
        exchange.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"token={Uri.EscapeDataString(token)}&csrf=guess&action=approve"));

        var response = await exchange.ExecuteAsync(await Functions().SubmitReviewAsync(exchange.Request, TestPlans.PlanId, client.Object));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(client.RaisedEvents);
    }
}
