using ExecutionPlans.Notifications.Email;
using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications;

/// <summary>Registers the approval notification channels.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Teams and email channels as <see cref="INotificationChannel"/> singletons, with their settings
    /// (<c>Notifications:Teams</c>, <c>Notifications:Email</c>) bound and validated at start-up: a configured channel
    /// needs <c>Approvals:SigningKey</c> and <c>Approvals:PublicBaseUrl</c> for its links. A channel without settings
    /// is registered too and reports <see cref="INotificationChannel.IsConfigured"/> false.
    /// Adds the workflow too (<c>AddExecutionPlanWorkflow</c>), which binds the <c>Approvals</c> settings the links rely on.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddApprovalNotifications(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(NotificationLinks)))
        {
            return services;
        }

        services.AddOptions<TeamsNotificationOptions>()
            .BindConfiguration(TeamsNotificationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<EmailNotificationOptions>()
            .BindConfiguration(EmailNotificationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsNotificationOptions>, NotificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailNotificationOptions>, NotificationOptionsValidator>());
        // The factory's own logging writes the whole URL, and the webhook's URL holds its secret: log only the host.
        services.AddHttpClient(TeamsNotificationChannel.HttpClientName, client => client.Timeout = TeamsNotificationChannel.Timeout)
            .RemoveAllLoggers()
            .AddLogger(provider => new TeamsWebhookHttpLogger(provider.GetRequiredService<ILoggerFactory>().CreateLogger(TeamsWebhookHttpLogger.Category)));

        services.AddExecutionPlanWorkflow();
        services.TryAddSingleton<ApprovalLinks>();
        services.TryAddSingleton<NotificationLinks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TeamsNotificationChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailNotificationChannel>());
        return services;
    }
}
