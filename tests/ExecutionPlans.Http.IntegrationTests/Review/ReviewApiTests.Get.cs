using ExecutionPlans.Http.IntegrationTests.Plans;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Moq;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>The review page's GET: every way a link can check out or not, and what the page then offers.</summary>
public sealed partial class ReviewApiTests
{
    [Fact]
    public async Task GetReviewPageAsync_PendingPlanAndValidLink_ShowsThreeFormsWithCsrfCookieAndStrictHeaders()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var context = ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}");

        var response = await GetAsync(harness, context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Headers.ContentType.ToString());
        Assert.Equal(["Approve", "Request changes", "Reject"], response.Buttons);
        Assert.NotNull(response.CsrfCookie);
        Assert.Equal(response.CsrfCookie, response.CsrfField);
        var cookie = response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path=/api/plans/{TestPlans.PlanId}/review", cookie, StringComparison.OrdinalIgnoreCase);
        var policy = response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Contains("This is the first version of the plan.", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_ActionInLink_PreselectsItAndDecidesNothing()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var context = ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}&action=reject");

        var response = await GetAsync(harness, context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("class=\"reject chosen\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("Your link chose <strong>Reject</strong>", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
        harness.Client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GetReviewPageAsync_BrowserHasCsrfCookie_KeepsItsValue()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        const string existing = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var context = ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}", csrfCookie: existing);

        var response = await GetAsync(harness, context);

        Assert.Equal(existing, response.CsrfField);
    }

    [Fact]
    public async Task GetReviewPageAsync_LinkForOlderVersion_Returns409WithBothVersionsAndNoButtons()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending(version: 2);
        view.PreviousVersion = PlanVersionSnapshot.Of(TestPlans.Pending().ToPlan());
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(version: 1))}"));

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Contains("This link was for version 1; the plan is now at version 2.", response.Html, StringComparison.Ordinal);
        Assert.Contains("Restart the API", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_UsedLink_ShowsWhatWasDecidedWithoutButtons()
    {
        var harness = new ReviewHarness();
        var token = harness.Sign();
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Completed;
        view.Decisions = [TestPlans.Decision(DecisionKind.Approve, "link:" + ReviewHarness.NonceOf(token), comment: "ship it")];
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("alice@example.com approved version 1 on 2026-11-25 09:05:00 UTC", response.Html, StringComparison.Ordinal);
        Assert.Contains("ship it", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
        Assert.DoesNotContain("http-equiv=\"refresh\"", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_UsedLinkWhilePlanRuns_RefreshesItself()
    {
        var harness = new ReviewHarness();
        var token = harness.Sign();
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Executing;
        view.Steps[0].Status = StepStatus.Succeeded;
        view.Steps[0].Output = "drained";
        view.Steps[1].Status = StepStatus.Running;
        view.Decisions = [TestPlans.Decision(DecisionKind.Approve, "link:" + ReviewHarness.NonceOf(token))];
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\">", response.Html, StringComparison.Ordinal);
        Assert.Contains(">succeeded<", response.Html, StringComparison.Ordinal);
        Assert.Contains(">running<", response.Html, StringComparison.Ordinal);
        Assert.Contains("drained", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_DecisionSentNotYetRecorded_ShowsNoFormsAndRefreshes()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}&sent=approve"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("Decision sent", response.Html, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"refresh\"", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_EarlierAttemptFailed_ShowsWhyAndTheFormsAgain()
    {
        var harness = new ReviewHarness();
        var token = harness.Sign();
        var view = TestPlans.Pending();
        var failed = TestPlans.Decision(DecisionKind.Modify, "link:" + ReviewHarness.NonceOf(token), outcome: DecisionOutcome.Failed);
        failed.Detail = "The model did not answer.";
        view.Decisions = [failed];
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("The model did not answer.", response.Html, StringComparison.Ordinal);
        Assert.Equal(3, response.Buttons.Count);
    }

    [Fact]
    public async Task GetReviewPageAsync_DecidedByAnotherLink_ShowsWhoDecidedWithoutButtons()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Cancelled;
        var other = TestPlans.Decision(DecisionKind.Reject, "link:someone-else", comment: "not now");
        other.By = "carol@example.com";
        view.Decisions = [other];
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("carol@example.com rejected version 1", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_RequesterMayNotSelfApprove_OffersOnlyTheOtherDecisions()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.RequestedBy = TestPlans.Approver;
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(["Request changes", "Reject"], response.Buttons);
        Assert.Contains("may not approve it", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewPageAsync_LinkHolderNotAnApprover_Returns403WithoutButtons()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.Approvers = ["carol@example.com"];
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Contains("is not an approver of this plan", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_NoModelConfigured_OffersNoRequestForChanges()
    {
        var harness = new ReviewHarness(plannerConfigured: false);
        harness.Serve(TestPlans.Pending());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign())}"));

        Assert.Equal(["Approve", "Reject"], response.Buttons);
        Assert.Contains("need a model", response.Html, StringComparison.Ordinal);
    }

    private static async Task<ReviewResponse> GetAsync(ReviewHarness harness, HttpContext context) =>
        await ReviewHarness.RunAsync(
            await ReviewApi.GetReviewPageAsync(context.Request, TestPlans.PlanId, harness.Client.Object, harness.Services, harness.Signer),
            context);
}
