namespace ExecutionPlans.Workflow.Approvals;

/// <summary>How a signed link checked out.</summary>
public enum ApprovalLinkCheck
{
    /// <summary>The link is authentic and has not expired.</summary>
    Valid,

    /// <summary>The link is not one this app signed, or it was changed.</summary>
    Invalid,

    /// <summary>The link is authentic but has expired.</summary>
    Expired,
}
