using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Notifications.Teams;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class TeamsNotificationOptionsTests
{
    [Fact]
    public void Validate_NoWebhook_IsValidAndNotConfigured()
    {
        var options = new TeamsNotificationOptions();

        Assert.Empty(Validate(options));
        Assert.False(options.IsConfigured);
        Assert.Equal("Teams channel", options.Approver);
    }

    [Fact]
    public void Validate_RelativeWebhook_Fails()
    {
        var options = new TeamsNotificationOptions { WebhookUrl = new Uri("/webhook", UriKind.Relative) };

        Assert.Contains(Validate(options), e => e.Contains("Notifications:Teams:WebhookUrl must be an absolute https URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BlankApprover_Fails()
    {
        var options = new TeamsNotificationOptions { WebhookUrl = new Uri("https://contoso.webhook.office.test/x"), Approver = " " };

        Assert.Contains(Validate(options), e => e.Contains(nameof(TeamsNotificationOptions.Approver), StringComparison.Ordinal));
    }

    private static List<string> Validate(TeamsNotificationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }
}
