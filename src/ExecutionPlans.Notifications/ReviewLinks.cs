namespace ExecutionPlans.Notifications;

/// <summary>The links one recipient gets, all with the same signed token.</summary>
/// <param name="Review">The review page.</param>
/// <param name="Approve">The review page with approval preselected; null on follow-ups.</param>
/// <param name="Reject">The review page with rejection preselected; null on follow-ups.</param>
/// <param name="Approver">Who the token was issued to.</param>
internal sealed record ReviewLinks(Uri Review, Uri? Approve, Uri? Reject, string Approver);
