using ExecutionPlans.Http.IntegrationTests.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Moq;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>The review page's GET for links that do not check out: each gets its page and status, never a form.</summary>
public sealed partial class ReviewApiTests
{
    [Fact]
    public async Task GetReviewPageAsync_NoSigningKey_Returns503NamingTheSetting()
    {
        var harness = new ReviewHarness(signingKey: false);
        var context = ReviewHarness.Get("?token=anything");

        var response = await GetAsync(harness, context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Contains("Approvals:SigningKey", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=not-a-token")]
    [InlineData("?token=e30.AAAA")]
    public async Task GetReviewPageAsync_InvalidToken_Returns403(string query)
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await GetAsync(harness, ReviewHarness.Get(query));

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Contains("This link is not valid", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_TamperedToken_Returns403()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending(version: 2));
        var genuine = harness.Sign(version: 1);
        var tampered = harness.Sign(version: 2).Split('.')[0] + "." + genuine.Split('.')[1];

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(tampered)}"));

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_TokenForAnotherPlan_Returns403()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var token = harness.Sign(planId: "another-plan");

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}"));

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Contains("not for this plan", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_ExpiredLink_Returns410WithTheExpiry()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var token = harness.Sign(validFor: TimeSpan.FromMinutes(30));
        harness.Time.Advance(TimeSpan.FromHours(1));

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}"));

        Assert.Equal(StatusCodes.Status410Gone, response.StatusCode);
        Assert.Contains("2026-11-25 10:30:00 UTC", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_UnknownPlan_Returns404()
    {
        var harness = new ReviewHarness();
        harness.Client.Setup(c => c.GetInstanceAsync(TestPlans.PlanId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
        Assert.Contains("No such plan", response.Html, StringComparison.Ordinal);
    }
}
