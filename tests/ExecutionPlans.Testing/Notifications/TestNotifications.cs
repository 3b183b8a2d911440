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

    /// <summary>The <c>token</c> and <c>action</c> query parameters of a link.</summary>
    public static (string? Token, string? Action) Query(Uri link)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        return (query.TryGetValue("token", out var token) ? token.ToString() : null, query.TryGetValue("action", out var action) ? action.ToString() : null);
    }
}
