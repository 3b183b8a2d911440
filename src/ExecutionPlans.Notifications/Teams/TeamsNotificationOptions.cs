using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Notifications.Teams;

/// <summary>Teams notifications, bound from the <c>Notifications:Teams</c> configuration section.</summary>
public sealed class TeamsNotificationOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Notifications:Teams";

    /// <summary>The default for <see cref="Approver"/>.</summary>
    public const string DefaultApprover = "Teams channel";

    /// <summary>
    /// The URL of a Teams Workflows webhook ("Post to a channel when a webhook request is received") or of an
    /// Incoming Webhook. Absent: no Teams notifications. It holds a secret; it is never logged.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Who the card's signed links are issued to, and so who decisions made with the card's buttons are recorded as
    /// (default <c>Teams channel</c>). Everyone in the channel shares the card, so this is one identity for all of
    /// them. When a plan names its approvers, this name must be among them, or the card's buttons are refused.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Approver { get; set; } = DefaultApprover;

    /// <summary>Whether Teams notifications are on: <see cref="WebhookUrl"/> is set.</summary>
    public bool IsConfigured => WebhookUrl is not null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || (WebhookUrl.Scheme != Uri.UriSchemeHttps && WebhookUrl.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult(
                "Notifications:Teams:WebhookUrl must be an absolute https URL (the Teams Workflows or Incoming Webhook address).",
                [nameof(WebhookUrl)]);
        }
    }
}
