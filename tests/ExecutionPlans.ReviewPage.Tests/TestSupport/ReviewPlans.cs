using System.Text.Json.Nodes;
using ExecutionPlans.Durable.Workflow;
using ExecutionPlans.Model;

namespace ExecutionPlans.ReviewPage.Tests.TestSupport;

/// <summary>Plan views for review-page tests.</summary>
internal static class ReviewPlans
{
    public const string PlanId = "0f8fad5bd9cb469fa16570867728950e";
    public const string Approver = "alice@example.com";

    public static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static PlanView Pending(int version = 1) => new()
    {
        Id = PlanId,
        Status = PlanStatus.PendingApproval,
        Version = version,
        Description = "Restart the API",
        CreatedAt = Created,
        UpdatedAt = Created,
        RequireApproval = true,
        ApprovalExpiresAt = Created.AddDays(3),
        RequestedBy = "bob@example.com",
        Steps =
        [
            Step("s1", "Drain the API", new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/drain" }),
            Step("s2", "Restart the pods", new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/restart" }),
        ],
        Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = "bob@example.com", At = Created }],
    };

    public static ExecutionStep Step(string id, string description, JsonObject? parameters = null) => new()
    {
        Id = id,
        ToolName = "http_request",
        Description = description,
        Input = $"input of {id}",
        Parameters = parameters ?? [],
    };

    public static PlanDecision Decision(DecisionKind kind, string decisionId, int version = 1, DecisionOutcome outcome = DecisionOutcome.Applied, string? comment = null) => new()
    {
        Kind = kind,
        Outcome = outcome,
        Version = version,
        PlanVersion = version,
        DecisionId = decisionId,
        By = Approver,
        Comment = comment,
        At = Created.AddMinutes(5),
    };
}
