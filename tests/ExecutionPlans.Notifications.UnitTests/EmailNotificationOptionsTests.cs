using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Notifications.Email;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class EmailNotificationOptionsTests
{
    [Fact]
    public void Validate_NoSmtpHost_IsValidAndNotConfigured()
    {
        var options = new EmailNotificationOptions();

        var errors = Validate(options);

        Assert.Empty(errors);
        Assert.False(options.IsConfigured);
        Assert.Equal((587, true, TimeSpan.FromSeconds(30)), (options.SmtpPort, options.UseTls, options.Timeout));
    }

    [Theory]
    [InlineData(null, "Notifications:Email:From is required")]
    [InlineData("plans", "Notifications:Email:From 'plans' is not an email address")]
    public void Validate_SmtpHostWithoutUsableFrom_NamesFrom(string? from, string expected)
    {
        var options = new EmailNotificationOptions { SmtpHost = "smtp.contoso.test", From = from };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plans@contoso.test")]
    [InlineData("Plans <plans@contoso.test>")]
    public void Validate_SmtpHostAndFrom_IsValid(string from)
    {
        var options = new EmailNotificationOptions { SmtpHost = "smtp.contoso.test", From = from };

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_PasswordWithoutUserName_NamesBoth()
    {
        var options = new EmailNotificationOptions { SmtpHost = "smtp.contoso.test", From = "plans@contoso.test", Password = "secret" };

        var error = Assert.Single(Validate(options));

        Assert.Contains("Password is set without Notifications:Email:UserName", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroTimeout_Fails()
    {
        var options = new EmailNotificationOptions { SmtpHost = "smtp.contoso.test", From = "plans@contoso.test", Timeout = TimeSpan.Zero };

        Assert.Contains(Validate(options), e => e.Contains(nameof(EmailNotificationOptions.Timeout), StringComparison.Ordinal));
    }

    private static List<string> Validate(EmailNotificationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }
}
