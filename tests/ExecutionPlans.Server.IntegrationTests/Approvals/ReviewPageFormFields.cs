namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>One decision form of a review page.</summary>
/// <param name="Action">Where it posts, as written in the page (relative to the page).</param>
/// <param name="HiddenFields">Its hidden fields by name: <c>token</c>, <c>csrf</c>, <c>action</c>.</param>
/// <param name="TextField">The name of its text field (<c>comment</c>, <c>feedback</c>, <c>reason</c>).</param>
internal sealed record ReviewPageFormFields(string Action, IReadOnlyDictionary<string, string> HiddenFields, string TextField);
