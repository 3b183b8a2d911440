using ExecutionPlans.Notifications.Email;
using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications;

/// <summary>
/// Fails start-up when a channel is on but its messages could not carry signed links: approval requests need
/// <c>Approvals:SigningKey</c> and <c>Approvals:PublicBaseUrl</c>.
/// </summary>
internal sealed class NotificationOptionsValidator(IOptions<ApprovalOptions> approvals)
    : IValidateOptions<TeamsNotificationOptions>, IValidateOptions<EmailNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsNotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsConfigured ? ValidateLinks("Notifications:Teams:WebhookUrl") : ValidateOptionsResult.Skip;
    }

    public ValidateOptionsResult Validate(string? name, EmailNotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsConfigured ? ValidateLinks("Notifications:Email:SmtpHost") : ValidateOptionsResult.Skip;
    }

    /// <summary>What is missing for links, or null when both settings are usable.</summary>
    internal static string? MissingLinkSettings(ApprovalOptions options)
    {
        var missing = new List<string>(2);
        if (!ApprovalOptions.TryReadSigningKey(options.SigningKey, out _))
        {
            missing.Add("Approvals:SigningKey (a secret of at least 32 bytes, base64 or text)");
        }

        if (options.PublicBaseUrl is not { IsAbsoluteUri: true })
        {
            missing.Add("Approvals:PublicBaseUrl (the app's public address, such as https://myapp.azurewebsites.net)");
        }

        return missing.Count == 0 ? null : string.Join(" and ", missing);
    }

    private ValidateOptionsResult ValidateLinks(string channelSetting)
    {
        var missing = MissingLinkSettings(approvals.Value);
        return missing is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{channelSetting} is set, so approval notifications carry signed links, which need Approvals:SigningKey and Approvals:PublicBaseUrl. Set {missing}.");
    }
}
