using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications;

/// <summary>Builds the review-page links that notifications carry, at <c>Approvals:PublicBaseUrl</c>.</summary>
public sealed class ApprovalLinks
{
    private readonly ApprovalLinkSigner signer;
    private readonly Uri? baseUrl;

    /// <summary>Creates the link builder.</summary>
    /// <param name="signer">Signs the links' tokens.</param>
    /// <param name="options">Approval settings (<see cref="ApprovalOptions.PublicBaseUrl"/>).</param>
    public ApprovalLinks(ApprovalLinkSigner signer, IOptions<ApprovalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        this.signer = signer;
        baseUrl = options.Value.PublicBaseUrl;
    }

    /// <summary>Whether links can be made: a signing key and a public base URL are configured.</summary>
    public bool IsConfigured => signer.IsConfigured && baseUrl is not null;

    /// <summary>Signs a token for one approver and one plan version, bound to the version's hash and, for a checkpoint, to one step; the buttons of one notification share it.</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="version">The plan version.</param>
    /// <param name="approver">Who the link is for.</param>
    /// <param name="expiresAt">When the link stops working.</param>
    /// <param name="planHash">The version's hash; a decision made with the link is stale unless it is still the plan's.</param>
    /// <param name="stepId">The step held at its checkpoint that the link decides on, or null for the plan.</param>
    /// <returns>The token.</returns>
    public string CreateToken(string planId, int version, string approver, DateTimeOffset expiresAt, string? planHash, string? stepId) =>
        signer.Sign(planId, version, approver, expiresAt, planHash, stepId);

    /// <summary>The review page's URL for a token, optionally preselecting an action (<c>approve</c>, <c>modify</c>, <c>reject</c>, <c>retry</c>, <c>skip</c>).</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="token">The token from <see cref="CreateToken"/>.</param>
    /// <param name="action">The action to preselect, if any.</param>
    /// <returns>The absolute URL.</returns>
    public Uri ReviewUrl(string planId, string token, string? action = null)
    {
        var root = baseUrl ?? throw new InvalidOperationException("Approvals:PublicBaseUrl is not set; links in notifications need the app's public address.");
        var query = $"token={Uri.EscapeDataString(token)}" + (action is null ? string.Empty : $"&action={Uri.EscapeDataString(action)}");
        return PlanRoutes.Absolute(root, $"{PlanRoutes.ReviewPath(planId)}?{query}");
    }
}
