namespace ExecutionPlans.Http.Review;

/// <summary>How a review page's notice reads: neutral, good news, a caution, or a refusal.</summary>
internal enum ReviewPageTone
{
    /// <summary>Neutral information.</summary>
    Info,

    /// <summary>Something went as asked.</summary>
    Success,

    /// <summary>Nothing was done, and the reader should know why.</summary>
    Warning,

    /// <summary>The request was refused.</summary>
    Error,
}
