using System.Text.Json.Nodes;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.UnitTests.Review;

public sealed class ReviewPageRendererTests
{
    private const string Nonce = "test-nonce";

    [Fact]
    public void Render_HostileTextInEveryField_EncodesItAll()
    {
        var view = HostileView();
        var page = new ReviewPage
        {
            StatusCode = 200,
            Title = Hostile("title"),
            Message = Hostile("message"),
            View = view,
            Link = new ApprovalLink(view.Id, 2, Hostile("approver"), TestPlans.Created.AddDays(1), "nonce"),
            Form = Form() with { Token = Hostile("token"), Comment = Hostile("comment"), Feedback = Hostile("feedback"), Reason = Hostile("reason") },
        };

        var html = ReviewPageRenderer.Render(page, Nonce);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        foreach (var field in new[]
        {
            "title", "message", "approver", "token", "comment", "feedback", "reason", "description", "requestedBy", "approvers",
            "error", "step.id", "step.tool", "step.description", "step.input", "parameter.name", "parameter.value", "step.output",
            "step.error", "revision.by", "revision.feedback", "decision.by", "decision.comment", "decision.detail",
            "previous.description", "previous.value",
        })
        {
            Assert.Contains(Encoded(field), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_ObjectParameterWithHostileText_ShowsItAsEncodedJson()
    {
        var view = TestPlans.Pending();
        view.Steps[0].Parameters["headers"] = new JsonObject { ["X-Test"] = "<script>alert(1)</script>" };

        var html = ReviewPageRenderer.Render(Page(view), Nonce);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&quot;X-Test&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StepReadingAnEarlierOutput_ShowsWhatItRunsAfterAndWhereTheValueComesFrom()
    {
        var view = TestPlans.Pending();
        view.Steps[1].DependsOn = ["s1"];
        view.Steps[1].Parameters["body"] = "{{steps.s1.output.json.items[0].name}}";

        var html = ReviewPageRenderer.Render(Page(view), Nonce);

        Assert.Contains("<dt>Runs after</dt><dd>none (may start at once)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Runs after</dt><dd>s1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<code>body</code> <span class=\"muted\">← s1.output.json.items[0].name</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithForm_ShowsThreeButtonsPostingTokenAndCsrf()
    {
        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()) with { Form = Form() }, Nonce);

        Assert.Contains("<button type=\"submit\">Approve</button>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Request changes</button>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Reject</button>", html, StringComparison.Ordinal);
        Assert.Equal(3, Count(html, "<form method=\"post\" action=\"/api/plans/p/review\""));
        Assert.Equal(3, Count(html, "name=\"csrf\" value=\"csrf-value\""));
        Assert.Equal(3, Count(html, "name=\"token\" value=\"the-token\""));
        Assert.Contains("<textarea id=\"feedback\" name=\"feedback\" rows=\"3\" maxlength=\"4000\" required>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutForm_ShowsNoButtons()
    {
        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()), Nonce);

        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusedAction_ShowsTheReasonInsteadOfItsButton()
    {
        var form = Form() with { Refusals = new Dictionary<string, string> { ["approve"] = "You <requested> it." } };

        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()) with { Form = form }, Nonce);

        Assert.DoesNotContain(">Approve</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Reject</button>", html, StringComparison.Ordinal);
        Assert.Contains("You &lt;requested&gt; it.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecondVersion_ShowsWhatChangedSinceTheFirst()
    {
        var view = TestPlans.Pending(version: 2);
        view.PreviousVersion = PlanVersionSnapshot.Of(TestPlans.Pending().ToPlan());
        view.Steps[1].Parameters["url"] = "https://ops.example.com/restart?pool=blue";
        view.Steps.Add(TestPlans.HttpStep("s3", "Check health"));
        view.Steps.RemoveAt(0);
        view.Revisions.Add(new PlanRevision { Version = 2, Action = RevisionAction.Modified, By = "alice@example.com", At = TestPlans.Created, Feedback = "Use the blue pool" });

        var html = ReviewPageRenderer.Render(Page(view), Nonce);

        Assert.Contains("Compared with version 1: 3 steps changed.", html, StringComparison.Ordinal);
        Assert.Contains(">added</span> step <code>s3</code>", html, StringComparison.Ordinal);
        Assert.Contains(">removed</span> step <code>s1</code>", html, StringComparison.Ordinal);
        Assert.Contains(">changed</span> step <code>s2</code>", html, StringComparison.Ordinal);
        Assert.Contains("<del>https://ops.example.com/restart</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>https://ops.example.com/restart?pool=blue</ins>", html, StringComparison.Ordinal);
        Assert.Contains("Use the blue pool", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FirstVersion_SaysSo()
    {
        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()), Nonce);

        Assert.Contains("This is the first version of the plan.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StepMoved_SaysFromWhereToWhere()
    {
        var view = TestPlans.Pending(version: 2);
        view.PreviousVersion = PlanVersionSnapshot.Of(TestPlans.Pending().ToPlan());
        view.Steps.Reverse();

        var html = ReviewPageRenderer.Render(Page(view), Nonce);

        Assert.Contains(">moved</span> step", html, StringComparison.Ordinal);
        Assert.Contains("moved from step", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Refresh_AddsTheMetaRefreshAndTheStyleNonce()
    {
        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()) with { Refresh = true }, Nonce);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\">", html, StringComparison.Ordinal);
        Assert.Contains("<style nonce=\"test-nonce\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRefresh_HasNoMetaRefresh()
    {
        var html = ReviewPageRenderer.Render(Page(TestPlans.Pending()), Nonce);

        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyPage_LoadsNothingFromElsewhere()
    {
        var html = ReviewPageRenderer.Render(Page(HostileView()) with { Form = Form() }, Nonce);

        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Hostile(string field) => $"<script>{field}</script>\"&'";

    private static string Encoded(string field) => $"&lt;script&gt;{field}&lt;/script&gt;&quot;&amp;&#x27;";

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static ReviewPage Page(PlanView view) => new() { StatusCode = 200, Title = "Review", View = view };

    private static ReviewPageForm Form() => new() { ActionUrl = "/api/plans/p/review", Token = "the-token", Csrf = "csrf-value" };

    private static PlanView HostileView()
    {
        var view = TestPlans.Pending(version: 2);
        view.Description = Hostile("description");
        view.RequestedBy = Hostile("requestedBy");
        view.Approvers = [Hostile("approvers")];
        view.Error = Hostile("error");
        view.Steps =
        [
            new ExecutionStep
            {
                Id = Hostile("step.id"),
                ToolName = Hostile("step.tool"),
                Description = Hostile("step.description"),
                Input = Hostile("step.input"),
                Parameters = new JsonObject { [Hostile("parameter.name")] = Hostile("parameter.value") },
                Status = StepStatus.Failed,
                Output = Hostile("step.output"),
                Error = Hostile("step.error"),
            },
        ];
        view.Revisions.Add(new PlanRevision { Version = 2, Action = RevisionAction.Modified, By = Hostile("revision.by"), At = TestPlans.Created, Feedback = Hostile("revision.feedback") });
        view.Decisions =
        [
            new PlanDecision { Kind = DecisionKind.Modify, Outcome = DecisionOutcome.Failed, By = Hostile("decision.by"), Comment = Hostile("decision.comment"), Detail = Hostile("decision.detail"), At = TestPlans.Created },
        ];
        view.PreviousVersion = new PlanVersionSnapshot
        {
            Version = 1,
            Description = Hostile("previous.description"),
            Steps = [new ExecutionStep { Id = Hostile("step.id"), ToolName = "t", Parameters = new JsonObject { [Hostile("parameter.name")] = Hostile("previous.value") } }],
        };
        return view;
    }
}
