using ExecutionPlans.Http.IntegrationTests.Plans;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>The review page's form post: the CSRF check, the link's rules again, and the decision it sends.</summary>
public sealed partial class ReviewApiTests
{
    private const string Csrf = "Q3NyZlZhbHVlRm9yVGVzdHNPbmx5MDEyMzQ1Njc4OTA";

    [Theory]
    [InlineData("approve", "Approved", "comment", "looks good")]
    [InlineData("modify", "Modify", "feedback", "use the blue pool")]
    [InlineData("reject", "Rejected", "reason", "not today")]
    public async Task SubmitReviewAsync_ValidForm_SendsTheDecisionAsTheLinkAndRedirectsToThePage(string action, string eventName, string field, string text)
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var token = harness.Sign();

        var response = await PostAsync(harness, Form(token, Csrf, action, (field, text)), Csrf);

        Assert.Equal(StatusCodes.Status303SeeOther, response.StatusCode);
        Assert.Equal($"/api/plans/{TestPlans.PlanId}/review?token={Uri.EscapeDataString(token)}&sent={action}", response.Headers.Location.ToString());
        var (name, payload) = Assert.Single(harness.RaisedEvents);
        Assert.Equal(eventName, name);
        Assert.Equal(1, payload.GetProperty("version").GetInt32());
        Assert.Equal("link:" + ReviewHarness.NonceOf(token), payload.GetProperty("decisionId").GetString());
        Assert.Equal(TestPlans.Approver, payload.GetProperty("by").GetString());
        Assert.Equal(text, payload.GetProperty(field).GetString());
    }

    [Fact]
    public async Task SubmitReviewAsync_NoCsrfCookie_Returns403AndDecidesNothing()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "approve"), csrfCookie: null);

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Contains("security check failed", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_CsrfFieldDiffersFromCookie_Returns403AndDecidesNothing()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "approve"), csrfCookie: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_ModifyWithoutFeedback_Returns400AndKeepsWhatWasTyped()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "modify", ("feedback", "  "), ("comment", "typed <before>")), Csrf);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.Contains("the feedback is required", response.Html, StringComparison.Ordinal);
        Assert.Contains("typed &lt;before&gt;</textarea>", response.Html, StringComparison.Ordinal);
        Assert.Equal(3, response.Buttons.Count);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_UnknownAction_Returns400()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "launch"), Csrf);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_StaleLink_Returns409AndDecidesNothing()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending(version: 2));

        var response = await PostAsync(harness, Form(harness.Sign(version: 1), Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Contains("now at version 2", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_UsedLink_Returns409WithWhatWasDecided()
    {
        var harness = new ReviewHarness();
        var token = harness.Sign();
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Cancelled;
        view.Decisions = [TestPlans.Decision(DecisionKind.Reject, "link:" + ReviewHarness.NonceOf(token))];
        harness.Serve(view);

        var response = await PostAsync(harness, Form(token, Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Contains("alice@example.com rejected version 1", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_PlanMovesOnBeforeTheDecision_Returns409WithTheReason()
    {
        var harness = new ReviewHarness();
        var moved = TestPlans.Pending();
        moved.Status = PlanStatus.Executing;
        harness.Serve(TestPlans.Pending(), moved);

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Contains("not awaiting approval", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_ApproverPolicyRefuses_Returns403()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.RequestedBy = TestPlans.Approver;
        harness.Serve(view);

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Contains("may not approve it", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_InvalidToken_Returns403()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form("forged.token", Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_ExpiredLink_Returns410()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var token = harness.Sign(validFor: TimeSpan.FromMinutes(1));
        harness.Time.Advance(TimeSpan.FromMinutes(2));

        var response = await PostAsync(harness, Form(token, Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status410Gone, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_NotAForm_Returns415()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());
        var context = ReviewHarness.Post(Form(harness.Sign(), Csrf, "approve"), Csrf, contentType: "application/json");

        var response = await ReviewHarness.RunAsync(
            await ReviewApi.SubmitReviewAsync(context.Request, TestPlans.PlanId, harness.Client.Object, harness.Services, harness.Signer), context);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_BodyOverTheLimit_Returns413()
    {
        var harness = new ReviewHarness();
        harness.Serve(TestPlans.Pending());

        var response = await PostAsync(harness, Form(harness.Sign(), Csrf, "approve", ("comment", new string('x', 5000))), Csrf);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, response.StatusCode);
        Assert.Contains("Workflow:MaxRequestBodyBytes", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_NoSigningKey_Returns503()
    {
        var harness = new ReviewHarness(signingKey: false);

        var response = await PostAsync(harness, Form("any.token", Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Contains("Approvals:SigningKey", response.Html, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Form(string token, string csrf, string action, params (string Name, string Value)[] fields) =>
        [new("token", token), new("csrf", csrf), new("action", action), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    private static async Task<ReviewResponse> PostAsync(ReviewHarness harness, List<KeyValuePair<string, string>> form, string? csrfCookie)
    {
        var context = ReviewHarness.Post(form, csrfCookie);
        return await ReviewHarness.RunAsync(
            await ReviewApi.SubmitReviewAsync(context.Request, TestPlans.PlanId, harness.Client.Object, harness.Services, harness.Signer),
            context);
    }
}
