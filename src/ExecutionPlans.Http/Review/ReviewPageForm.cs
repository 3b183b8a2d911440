namespace ExecutionPlans.Http.Review;

/// <summary>The decision forms of a review page: where they post, what they carry, and what the reader typed.</summary>
internal sealed record ReviewPageForm
{
    /// <summary>The path the forms post to (the review route itself).</summary>
    public required string ActionUrl { get; init; }

    /// <summary>The signed link's token, posted back in a hidden field.</summary>
    public required string Token { get; init; }

    /// <summary>The double-submit value, also set as the page's cookie.</summary>
    public required string Csrf { get; init; }

    /// <summary>The step the forms decide on at its checkpoint; null when they decide on the plan.</summary>
    public string? StepId { get; init; }

    /// <summary>The decisions offered, in the order shown: approval's, recovery's or a checkpoint's (<see cref="ReviewPageActions.Offered"/>).</summary>
    public IReadOnlyList<string> Actions { get; init; } = ReviewPageActions.ForApproval;

    /// <summary>The action the link preselected, highlighted on the page; it decides nothing by itself.</summary>
    public string? Chosen { get; init; }

    /// <summary>Actions the link's holder may not take, with the reason shown instead of the button.</summary>
    public IReadOnlyDictionary<string, string> Refusals { get; init; } = new Dictionary<string, string>();

    /// <summary>The approval comment typed so far.</summary>
    public string? Comment { get; init; }

    /// <summary>The requested changes typed so far.</summary>
    public string? Feedback { get; init; }

    /// <summary>The rejection reason typed so far.</summary>
    public string? Reason { get; init; }

    /// <summary>What was wrong with the last submission, shown by the form of <see cref="Chosen"/>.</summary>
    public string? Error { get; init; }
}
