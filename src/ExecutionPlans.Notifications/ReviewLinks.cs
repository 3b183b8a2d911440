namespace ExecutionPlans.Notifications;

/// <summary>The links one recipient gets, all with the same signed token.</summary>
/// <param name="Review">The review page.</param>
/// <param name="Decisions">The review page with each decision the notification offers preselected, in the order shown; empty on follow-ups that offer none.</param>
/// <param name="Approver">Who the token was issued to.</param>
/// <param name="ExpiresAt">When the links stop working.</param>
internal sealed record ReviewLinks(Uri Review, IReadOnlyList<DecisionLink> Decisions, string Approver, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the links can decide, not only show the plan.</summary>
    public bool Decide => Decisions.Count > 0;
}

/// <summary>A button of a notification: the review page with one decision preselected.</summary>
/// <param name="Action">The review page's name for the decision: <c>approve</c>, <c>reject</c>, <c>retry</c> or <c>modify</c>.</param>
/// <param name="Label">The button's text.</param>
/// <param name="Url">The link.</param>
internal sealed record DecisionLink(string Action, string Label, Uri Url)
{
    /// <summary>Whether the button goes ahead with the plan (approve, retry), so it is shown as the positive one.</summary>
    public bool GoesAhead => Action is NotificationLinks.Approve or NotificationLinks.Retry;

    /// <summary>Whether the button ends the plan (reject).</summary>
    public bool Ends => Action == NotificationLinks.Reject;
}
