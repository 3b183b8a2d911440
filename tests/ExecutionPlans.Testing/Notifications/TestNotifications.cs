using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Notifications;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExecutionPlans.Testing;

/// <summary>Notifications, settings and link services for the tests.</summary>
internal static class TestNotifications
{
    public const string SigningKey = "a-test-signing-key-that-is-long-enough-0123456789";

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset ExpiresAt = Now.AddDays(3);

    public static FakeTimeProvider Clock() => new(Now);

    public static ApprovalOptions Approvals(Uri? publicBaseUrl, string? signingKey = SigningKey) => new()
    {
        PublicBaseUrl = publicBaseUrl,
        SigningKey = signingKey,
    };

    /// <summary>The link services a channel uses, and the signer a test checks tokens with.</summary>
    public static (NotificationLinks Links, ApprovalLinkSigner Signer) Links(ApprovalOptions approvals, TimeProvider clock)
    {
        var options = Options.Create(approvals);
        var signer = new ApprovalLinkSigner(options, clock);
        return (new NotificationLinks(new ApprovalLinks(signer, options), options, clock), signer);
    }

    public static ApprovalNotification Request(NotificationKind kind = NotificationKind.ApprovalRequested, params string[] approvers) => new()
    {
        Kind = kind,
        PlanId = "plan-42",
        Version = 2,
        Description = "Restart the API",
        RequestedBy = "requester@contoso.test",
        ExpiresAt = ExpiresAt,
        Approvers = [.. approvers],
        Status = PlanStatus.PendingApproval,
        Steps =
        [
            new NotificationStep
            {
                Id = "s1",
                ToolName = "http_request",
                Description = "Restart the API pods",
                Input = "api, 3 replicas",
                Parameters = new JsonObject { ["method"] = "POST", ["url"] = "https://ops.contoso.test/restart", ["replicas"] = 3 },
            },
            new NotificationStep
            {
                Id = "s2",
                ToolName = "http_request",
                Description = "Check the API's health",
                Parameters = new JsonObject { ["method"] = "GET", ["url"] = "https://ops.contoso.test/health" },
            },
        ],
    };

    public static ApprovalNotification FollowUp(NotificationKind kind, PlanStatus status, string? error, params string[] approvers) =>
        Request(kind, approvers) with
        {
            Status = status,
            Error = error,
            ExpiresAt = null,
            Steps =
            [
                new NotificationStep { Id = "s1", ToolName = "http_request", Description = "Restart the API pods", Status = StepStatus.Succeeded, Output = "{\"status\":200}" },
                new NotificationStep { Id = "s2", ToolName = "http_request", Description = "Check the API's health", Status = error is null ? StepStatus.Succeeded : StepStatus.Failed, Error = error },
            ],
        };

    /// <summary>When the failure of <see cref="RecoverableFailure"/> can still be recovered.</summary>
    public static readonly DateTimeOffset RecoverableUntil = Now.AddDays(1);

    /// <summary>A failure that can still be recovered: s1 succeeded, s2 failed.</summary>
    public static ApprovalNotification RecoverableFailure(params string[] approvers) =>
        FollowUp(NotificationKind.Failed, PlanStatus.Failed, "Step s2 failed: 404 Not Found", approvers) with { RecoverableUntil = RecoverableUntil };

    /// <summary>
    /// A diamond, made from its view as the workflow makes it: <c>a</c> (no dependencies) lists the pods; <c>b</c> and
    /// <c>c</c> run after <c>a</c>, <c>b</c> reading a value from its output; <c>d</c> has no <c>dependsOn</c>, so it
    /// runs after the steps it references, <c>b</c> and <c>c</c>. A follow-up carries what each step received.
    /// </summary>
    public static ApprovalNotification Diamond(NotificationKind kind = NotificationKind.ApprovalRequested, params string[] approvers)
    {
        var followUp = kind is not (NotificationKind.ApprovalRequested or NotificationKind.Reminder);
        var a = TestPlans.HttpStep("a", "List the API pods", new JsonObject { ["method"] = "GET", ["url"] = "https://ops.contoso.test/pods" });
        a.DependsOn = [];
        var b = TestPlans.HttpStep("b", "Drain the first pod", new JsonObject { ["method"] = "POST", ["url"] = "https://ops.contoso.test/drain", ["body"] = "{{steps.a.output.json.items[0].name}}" });
        b.DependsOn = ["a"];
        var c = TestPlans.HttpStep("c", "Read the pods' health", new JsonObject { ["method"] = "GET", ["url"] = "https://ops.contoso.test/health" });
        c.DependsOn = ["a"];
        var d = TestPlans.HttpStep("d", "Restart the drained pod", new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "https://ops.contoso.test/restart",
            ["pod"] = "{{steps.b.output.json.pod}}",
            ["note"] = "health was {{steps.c.output}}",
        });
        if (followUp)
        {
            foreach (var step in new[] { a, b, c, d })
            {
                step.Status = StepStatus.Succeeded;
                step.ResolvedParameters = (JsonObject)step.Parameters.DeepClone();
            }

            b.ResolvedParameters!["body"] = "api-1";
            d.ResolvedParameters!["pod"] = "api-1";
            d.ResolvedParameters["note"] = "health was ok";
        }

        var view = TestPlans.Pending(version: 2);
        view.Id = "plan-42";
        view.RequestedBy = "requester@contoso.test";
        view.Approvers = [.. approvers];
        view.ApprovalExpiresAt = ExpiresAt;
        view.Steps = [a, b, c, d];
        if (followUp)
        {
            view.Status = PlanStatus.Completed;
            view.ApprovalExpiresAt = null;
        }

        return ApprovalNotification.FromView(kind, view);
    }

    /// <summary>When the checkpoint of <see cref="Checkpoint"/> stops waiting.</summary>
    public static readonly DateTimeOffset CheckpointExpiresAt = Now.AddHours(4);

    /// <summary>
    /// The notification of a destructive step held at its checkpoint, made from its view as the workflow makes it:
    /// s1 read the pod count, s2 (destructive, checkpoint) restarts that many pods and waits for two confirmations,
    /// carol's is in.
    /// </summary>
    public static ApprovalNotification Checkpoint(params string[] approvers)
    {
        var s1 = TestPlans.HttpStep("s1", "Read the pod count", new JsonObject { ["method"] = "GET", ["url"] = "https://ops.contoso.test/pods" });
        s1.Status = StepStatus.Succeeded;
        s1.Risk = ToolRisk.Read;
        s1.Output = "{\"count\":3}";
        s1.ResolvedParameters = (JsonObject)s1.Parameters.DeepClone();
        var s2 = TestPlans.HttpStep("s2", "Restart the pods", new JsonObject
        {
            ["method"] = "DELETE",
            ["url"] = "https://ops.contoso.test/pods?count={{steps.s1.output.json.count}}",
        });
        s2.Status = StepStatus.AwaitingApproval;
        s2.Risk = ToolRisk.Destructive;
        s2.Checkpoint = true;
        s2.ResolvedParameters = new JsonObject { ["method"] = "DELETE", ["url"] = "https://ops.contoso.test/pods?count=3" };
        var view = TestPlans.Pending(version: 2);
        view.Id = "plan-42";
        view.Status = PlanStatus.Executing;
        view.RequestedBy = "requester@contoso.test";
        view.Approvers = [.. approvers];
        view.ApprovalExpiresAt = null;
        view.Steps = [s1, s2];
        view.Risk = ToolRisk.Destructive;
        view.PlanHash = PlanHash.Of(view.ToPlan());
        view.Approvals = new PlanApprovals { Required = 1, Received = ["carol@contoso.test"] };
        view.Checkpoints =
        [
            new PlanCheckpoint
            {
                StepId = "s2",
                Risk = ToolRisk.Destructive,
                Approvals = new PlanApprovals { Required = 2, Received = ["carol@contoso.test"] },
                ExpiresAt = CheckpointExpiresAt,
            },
        ];
        return ApprovalNotification.ForCheckpoint(view, "s2");
    }

    /// <summary>The <c>token</c> and <c>action</c> query parameters of a link.</summary>
    public static (string? Token, string? Action) Query(Uri link)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        return (query.TryGetValue("token", out var token) ? token.ToString() : null, query.TryGetValue("action", out var action) ? action.ToString() : null);
    }
}
