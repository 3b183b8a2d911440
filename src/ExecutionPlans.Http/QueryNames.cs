namespace ExecutionPlans.Http;

/// <summary>The query parameters the endpoints read, by name: what the handlers read and what OpenAPI lists.</summary>
internal static class QueryNames
{
    /// <summary>The list's plan status.</summary>
    public const string Status = "status";

    /// <summary>The list's page size.</summary>
    public const string Top = "top";

    /// <summary>The continuation token of the list and of the inbox.</summary>
    public const string ContinuationToken = "continuationToken";

    /// <summary>The inbox's approver.</summary>
    public const string Approver = "approver";

    /// <summary>The review page's signed link.</summary>
    public const string Token = "token";

    /// <summary>The decision the review page opens with.</summary>
    public const string Action = "action";

    /// <summary>The decision the review page was just sent.</summary>
    public const string Sent = "sent";
}
