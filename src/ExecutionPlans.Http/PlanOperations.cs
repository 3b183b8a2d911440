namespace ExecutionPlans.Http;

/// <summary>The names of the API's operations: OpenAPI operation ids on the server, function names in the Functions app.</summary>
public static class PlanOperations
{
    /// <summary><c>POST /api/plans</c>.</summary>
    public const string CreatePlan = nameof(CreatePlan);

    /// <summary><c>GET /api/plans</c>.</summary>
    public const string ListPlans = nameof(ListPlans);

    /// <summary><c>GET /api/plans/{id}</c>.</summary>
    public const string GetPlan = nameof(GetPlan);

    /// <summary><c>POST /api/plans/{id}/approve</c>.</summary>
    public const string ApprovePlan = nameof(ApprovePlan);

    /// <summary><c>POST /api/plans/{id}/modify</c>.</summary>
    public const string ModifyPlan = nameof(ModifyPlan);

    /// <summary><c>POST /api/plans/{id}/reject</c>.</summary>
    public const string RejectPlan = nameof(RejectPlan);

    /// <summary><c>POST /api/plans/{id}/retry</c>.</summary>
    public const string RetryPlan = nameof(RetryPlan);

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/approve</c>.</summary>
    public const string ApproveStep = nameof(ApproveStep);

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/skip</c>.</summary>
    public const string SkipStep = nameof(SkipStep);

    /// <summary><c>POST /api/plans/{id}/steps/{stepId}/reject</c>.</summary>
    public const string RejectStep = nameof(RejectStep);

    /// <summary><c>GET /api/approvals</c>.</summary>
    public const string ListApprovals = nameof(ListApprovals);

    /// <summary><c>POST /api/plans/{id}/cancel</c>.</summary>
    public const string CancelPlan = nameof(CancelPlan);

    /// <summary><c>DELETE /api/plans/{id}</c>.</summary>
    public const string DeletePlan = nameof(DeletePlan);

    /// <summary><c>GET /api/plans/{id}/review</c>.</summary>
    public const string GetReviewPage = nameof(GetReviewPage);

    /// <summary><c>POST /api/plans/{id}/review</c>.</summary>
    public const string SubmitReview = nameof(SubmitReview);

    /// <summary><c>GET /api/tools</c>.</summary>
    public const string ListTools = nameof(ListTools);
}
