using System.Text.Json.Nodes;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>Links bound to a step held at its checkpoint, and links bound to a plan hash.</summary>
public sealed partial class ReviewApiTests
{
    private static readonly string Hash = PlanHash.Of(TestPlans.Pending().ToPlan());

    [Fact]
    public async Task GetReviewPageAsync_CheckpointLink_ShowsTheStepsResolvedParametersQuorumAndStepForms()
    {
        var harness = new ReviewHarness();
        harness.Serve(HeldAtCheckpoint());
        var token = harness.Sign(planHash: Hash, stepId: "s2");

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(token)}&action=skip"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("Confirm the step", response.Html, StringComparison.Ordinal);
        Assert.Equal(["Approve step", "Skip step", "Reject plan"], response.Buttons);
        Assert.Contains("id=\"form-skip\"", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"form-modify\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("Your link chose <strong>Skip step</strong>", response.Html, StringComparison.Ordinal);
        Assert.Contains("https://ops.example.com/restart?pods=3", response.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"checkpoint-s2\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("1 of 2: carol@example.com", response.Html, StringComparison.Ordinal);
        Assert.Contains("awaiting_approval", response.Html, StringComparison.Ordinal);
        Assert.Contains($"title=\"{Hash}\">{Hash[..12]}</code>", response.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"badge risk-destructive\">destructive", response.Html, StringComparison.Ordinal);
        Assert.Contains($"{TestPlans.Approver}, step s2 of version 1", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Theory]
    [InlineData("approve", PlanEvents.Approved, "comment")]
    [InlineData("skip", PlanEvents.Skip, "reason")]
    [InlineData("reject", PlanEvents.Rejected, "reason")]
    public async Task SubmitReviewAsync_CheckpointLink_SendsTheStepDecisionBoundToTheHash(string action, string eventName, string field)
    {
        var harness = new ReviewHarness();
        harness.Serve(HeldAtCheckpoint());
        var token = harness.Sign(planHash: Hash, stepId: "s2");

        var response = await PostAsync(harness, Form(token, Csrf, action, (field, "checked the pods")), Csrf);

        Assert.Equal(StatusCodes.Status303SeeOther, response.StatusCode);
        var (name, payload) = Assert.Single(harness.RaisedEvents);
        Assert.Equal(eventName, name);
        Assert.Equal("s2", payload.GetProperty("stepId").GetString());
        Assert.Equal(Hash, payload.GetProperty("planHash").GetString());
        Assert.Equal("link:" + ReviewHarness.NonceOf(token), payload.GetProperty("decisionId").GetString());
        Assert.Equal(TestPlans.Approver, payload.GetProperty("by").GetString());
        Assert.Equal("checked the pods", payload.GetProperty(field).GetString());
    }

    [Fact]
    public async Task SubmitReviewAsync_CheckpointLinkAsksForChanges_Returns400AndDecidesNothing()
    {
        var harness = new ReviewHarness();
        harness.Serve(HeldAtCheckpoint());

        var response = await PostAsync(harness, Form(harness.Sign(planHash: Hash, stepId: "s2"), Csrf, "modify", ("feedback", "other pods")), Csrf);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.Contains("Choose Approve step, Skip step or Reject plan.", response.Html, StringComparison.Ordinal);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task GetReviewPageAsync_CheckpointLinkAfterTheStepRan_SaysNoDecisionIsNeeded()
    {
        var harness = new ReviewHarness();
        var view = HeldAtCheckpoint();
        view.Checkpoints = null;
        view.Steps[1].Status = StepStatus.Succeeded;
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(planHash: Hash, stepId: "s2"))}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("Step s2 no longer waits at its checkpoint: it is succeeded", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_PlanLinkWhileAStepIsHeld_ShowsTheCheckpointButOffersNoStepDecision()
    {
        var harness = new ReviewHarness();
        harness.Serve(HeldAtCheckpoint());

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(planHash: Hash))}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("id=\"checkpoint-s2\"", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task GetReviewPageAsync_LinkForAnotherHashOfTheSameVersion_Returns409AsStale()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.PlanHash = Hash;
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(planHash: new string('0', 64)))}"));

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Contains("This link is for an older version", response.Html, StringComparison.Ordinal);
        Assert.Empty(response.Buttons);
    }

    [Fact]
    public async Task SubmitReviewAsync_LinkForAnotherHash_Returns409AndDecidesNothing()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.PlanHash = Hash;
        harness.Serve(view);

        var response = await PostAsync(harness, Form(harness.Sign(planHash: new string('0', 64)), Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status409Conflict, response.StatusCode);
        Assert.Empty(harness.RaisedEvents);
    }

    [Fact]
    public async Task SubmitReviewAsync_LinkWithTheCurrentHash_SendsTheHashWithTheApproval()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.PlanHash = Hash;
        harness.Serve(view);

        var response = await PostAsync(harness, Form(harness.Sign(planHash: Hash.ToUpperInvariant()), Csrf, "approve"), Csrf);

        Assert.Equal(StatusCodes.Status303SeeOther, response.StatusCode);
        var (name, payload) = Assert.Single(harness.RaisedEvents);
        Assert.Equal(PlanEvents.Approved, name);
        Assert.Equal(Hash, payload.GetProperty("planHash").GetString(), ignoreCase: true);
        Assert.False(payload.TryGetProperty("stepId", out var step) && step.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task GetReviewPageAsync_PendingPlanWithPolicy_ShowsRiskQuorumProgressAndHash()
    {
        var harness = new ReviewHarness();
        var view = TestPlans.Pending();
        view.PlanHash = Hash;
        view.Risk = ToolRisk.Write;
        view.Approvals = new PlanApprovals { Required = 2, Received = ["carol@example.com"] };
        harness.Serve(view);

        var response = await GetAsync(harness, ReviewHarness.Get($"?token={Uri.EscapeDataString(harness.Sign(planHash: Hash))}"));

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("id=\"plan-risk\" class=\"badge risk-write\">write", response.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-approvals\">1 of 2: carol@example.com", response.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"plan-hash\" title=\"{Hash}\"", response.Html, StringComparison.Ordinal);
        Assert.Equal(["Approve", "Request changes", "Reject"], response.Buttons);
    }

    /// <summary>The pending plan, approved and running, with s2 (destructive) held at its checkpoint: carol confirmed, one more is needed.</summary>
    private static PlanView HeldAtCheckpoint()
    {
        var view = TestPlans.Pending();
        view.Status = PlanStatus.Executing;
        view.PlanHash = Hash;
        view.Risk = ToolRisk.Destructive;
        view.Approvals = new PlanApprovals { Required = 1, Received = ["carol@example.com"] };
        view.Steps[0].Status = StepStatus.Succeeded;
        view.Steps[1].Status = StepStatus.AwaitingApproval;
        view.Steps[1].Risk = ToolRisk.Destructive;
        view.Steps[1].Checkpoint = true;
        view.Steps[1].ResolvedParameters = new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/restart?pods=3" };
        view.Checkpoints =
        [
            new PlanCheckpoint
            {
                StepId = "s2",
                Risk = ToolRisk.Destructive,
                Approvals = new PlanApprovals { Required = 2, Received = ["carol@example.com"] },
                ExpiresAt = TestPlans.Created.AddHours(5),
            },
        ];
        return view;
    }
}
