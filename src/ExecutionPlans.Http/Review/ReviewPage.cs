using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Review;

/// <summary>What one review page says; <see cref="ReviewPageRenderer"/> turns it into HTML.</summary>
internal sealed record ReviewPage
{
    /// <summary>The HTTP status the page is sent with.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The page's heading.</summary>
    public required string Title { get; init; }

    /// <summary>The notice under the heading: what this link can do now, or why not.</summary>
    public string? Message { get; init; }

    /// <summary>How the notice reads.</summary>
    public ReviewPageTone Tone { get; init; } = ReviewPageTone.Info;

    /// <summary>The plan, shown read-only unless <see cref="Form"/> is set; null on pages that show no plan.</summary>
    public PlanView? View { get; init; }

    /// <summary>The signed link the page was opened with, once it checked out.</summary>
    public ApprovalLink? Link { get; init; }

    /// <summary>The decision forms, only while the link may still decide.</summary>
    public ReviewPageForm? Form { get; init; }

    /// <summary>A link to open, for pages that ask the reader to start again.</summary>
    public string? RetryUrl { get; init; }

    /// <summary>Whether the page reloads itself (every three seconds) to follow a plan in motion.</summary>
    public bool Refresh { get; init; }
}
