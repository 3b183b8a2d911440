using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>The review page of a failed plan that can still be recovered: Retry, Request changes or Reject, and what a retry keeps.</summary>
public sealed partial class ReviewApiTests
{
    [Fact]
    public async Task GetReviewPageAsync_RecoverablePlan_OffersRetryRequestChangesAndRejectAndShowsWhatARetryKeeps()
    {
        var harness = new ReviewHarness();
        harness.Serve(Recoverable());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}&action=retry"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(["Retry", "Request changes", "Reject"], response.Buttons);
        Assert.Contains("<h1 id=\"title\">Recover the plan</h1>", response.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"retry chosen\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Can be recovered until</dt><dd>2026-11-26 09:00:00 UTC</dd>", response.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>On retry</strong>, 1 step is kept with its output and not called again and 1 step runs again.", response.Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Kept</dt><dd>s1</dd>", response.Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Run again</dt><dd>s2</dd>", response.Html, StringComparison.Ordinal);
        Assert.Contains("<code>s1</code> <span class=\"badge\">http_request</span> <span class=\"badge step-status status-succeeded\">succeeded</span> <span class=\"badge recovery recovery-kept\">kept</span>", response.Html, StringComparison.Ordinal);
        Assert.Contains("<code>s2</code> <span class=\"badge\">http_request</span> <span class=\"badge step-status status-failed\">failed</span> <span class=\"badge recovery recovery-again\">runs again</span>", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task GetReviewPageAsync_FailedPlanPastItsWindow_ShowsThePlanWithoutButtons()
    {
        var harness = new ReviewHarness();
        var failed = Recoverable();
        failed.RecoverableUntil = null;
        harness.Serve(failed);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Empty(response.Buttons);
        Assert.Contains("The plan is failed and no longer awaits a decision.", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"recovery\"", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_RequesterOfARecoverablePlan_MayChangeItButNotRunItAgain()
    {
        var harness = new ReviewHarness();
        harness.Serve(Recoverable());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(approver: "bob@example.com"))}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(["Request changes", "Reject"], response.Buttons);
        Assert.Contains("bob@example.com requested this plan and may not run it again", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReviewAsync_RetryOnARecoverablePlan_SendsTheRetryAsTheLinkAndRedirects()
    {
        var harness = new ReviewHarness();
        harness.Serve(Recoverable());
        var token = harness.Sign();

        var response = await PostAsync(harness, Form(token, Csrf, "retry", ("comment", "the target is back")), Csrf);

        Assert.Equal(StatusCodes.Status303SeeOther, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}/review?token={Uri.EscapeDataString(token)}&sent=retry", response.Headers.Location.ToString());
        var (name, payload) = Assert.Single(harness.RaisedEvents);
        Assert.Equal(PlanEvents.Retry, name);
        Assert.Equal(1, payload.GetProperty("version").GetInt32());
        Assert.Equal("link:" + ReviewHarness.NonceOf(token), payload.GetProperty("decisionId").GetString());
        Assert.Equal(TestPlans.Approver, payload.GetProperty("by").GetString());
        Assert.Equal("the target is back", payload.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task GetReviewPageAsync_RetrySentNotYetRecorded_ShowsNoFormsAndRefreshes()
    {
        var harness = new ReviewHarness();
        harness.Serve(Recoverable());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}&sent=retry"));

        Assert.Empty(response.Buttons);
        Assert.Contains("Your decision (Retry) was sent.", response.Html, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"refresh\"", response.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("launch")]
    public async Task SubmitReviewAsync_ActionARecoverablePlanDoesNotOffer_Returns400NamingTheChoices(string action)
    {
        var harness = new ReviewHarness();
        harness.Serve(Recoverable());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, action), Csrf);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.Contains("Choose Retry, Request changes or Reject.", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_RetryOnAPlanAwaitingApproval_Returns400()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "retry"), Csrf);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.Contains("Choose Approve, Request changes or Reject.", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    /// <summary>Version 1 ran: s1 succeeded, s2 failed; recoverable for a day.</summary>
    private static PlanView Recoverable()
    {
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Failed;
        view.ApprovalExpiresAt = null;
        view.RecoverableUntil = TestPlans.Created.AddDays(1);
        view.Error = "Step s2 failed: 404 Not Found";
        view.Steps[0].Status = StepStatus.Succeeded;
        view.Steps[0].Output = "{\"status\":200}";
        view.Steps[1].Status = StepStatus.Failed;
        view.Steps[1].Error = "404 Not Found";
        return view;
    }
}
