using ExecutionPlans.Notifications.Email;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class NotificationServiceCollectionExtensionsTests
{
    private const string SigningKey = TestNotifications.SigningKey;

    [Fact]
    public async Task AddApprovalNotifications_NoSettings_RegistersBothChannelsUnconfiguredAndStarts()
    {
        using var host = BuildHost([]);

        await host.StartAsync();

        var channels = host.Services.GetServices<INotificationChannel>().ToList();
        Assert.Equal(["email", "teams"], channels.Select(c => c.Name).Order());
        Assert.All(channels, c => Assert.False(c.IsConfigured));
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_EmptySettingsAsInTheSample_StartsWithBothChannelsOff()
    {
        using var host = BuildHost(new()
        {
            ["Notifications:Teams:WebhookUrl"] = string.Empty,
            ["Notifications:Email:SmtpHost"] = string.Empty,
            ["Notifications:Email:From"] = string.Empty,
        });

        await host.StartAsync();

        Assert.All(host.Services.GetServices<INotificationChannel>(), c => Assert.False(c.IsConfigured));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddApprovalNotifications_CalledTwice_RegistersEachChannelOnce()
    {
        var services = new ServiceCollection();

        services.AddApprovalNotifications().AddApprovalNotifications();

        await using var provider = services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.Equal(2, provider.GetServices<INotificationChannel>().Count());
    }

    [Fact]
    public async Task StartAsync_BothChannelsWithLinkSettings_StartsWithBothConfigured()
    {
        using var host = BuildHost(new()
        {
            ["Notifications:Teams:WebhookUrl"] = "https://contoso.webhook.office.test/workflows/1?sig=x",
            ["Notifications:Email:SmtpHost"] = "smtp.contoso.test",
            ["Notifications:Email:From"] = "plans@contoso.test",
            ["Approvals:SigningKey"] = SigningKey,
            ["Approvals:PublicBaseUrl"] = "https://plans.contoso.test",
        });

        await host.StartAsync();

        Assert.All(host.Services.GetServices<INotificationChannel>(), c => Assert.True(c.IsConfigured));
        Assert.Equal(587, host.Services.GetRequiredService<IOptions<EmailNotificationOptions>>().Value.SmtpPort);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Notifications:Teams:WebhookUrl", "https://contoso.webhook.office.test/workflows/1?sig=x")]
    [InlineData("Notifications:Email:SmtpHost", "smtp.contoso.test")]
    public async Task StartAsync_ChannelWithoutSigningKeyOrBaseUrl_FailsNamingBothSettings(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value, ["Notifications:Email:From"] = "plans@contoso.test" });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Set Approvals:SigningKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("and Approvals:PublicBaseUrl", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TeamsWithSigningKeyButNoBaseUrl_FailsNamingTheBaseUrl()
    {
        using var host = BuildHost(new()
        {
            ["Notifications:Teams:WebhookUrl"] = "https://contoso.webhook.office.test/workflows/1?sig=x",
            ["Approvals:SigningKey"] = SigningKey,
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Set Approvals:PublicBaseUrl", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EmailWithoutFrom_FailsNamingFrom()
    {
        using var host = BuildHost(new()
        {
            ["Notifications:Email:SmtpHost"] = "smtp.contoso.test",
            ["Approvals:SigningKey"] = SigningKey,
            ["Approvals:PublicBaseUrl"] = "https://plans.contoso.test",
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Notifications:Email:From is required", exception.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddApprovalNotifications();
        return builder.Build();
    }
}
