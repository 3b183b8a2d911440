using ExecutionPlans.Durable.Approvals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Durable.Notifications;

/// <summary>Registers the approval notification channels.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Teams and email channels as <see cref="INotificationChannel"/> singletons, with their settings
    /// (<c>Notifications:Teams</c>, <c>Notifications:Email</c>) bound and validated at start-up: a configured channel
    /// needs <c>Approvals:SigningKey</c> and <c>Approvals:PublicBaseUrl</c> for its links. A channel without settings
    /// is registered too and reports <see cref="INotificationChannel.IsConfigured"/> false.
    /// <c>AddExecutionPlanWorkflow</c> calls this and binds the <c>Approvals</c> settings it relies on.
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
        services.AddHttpClient(TeamsNotificationChannel.HttpClientName, client => client.Timeout = TeamsNotificationChannel.Timeout);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApprovalLinkSigner>();
        services.TryAddSingleton<ApprovalLinks>();
        services.TryAddSingleton<NotificationLinks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TeamsNotificationChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailNotificationChannel>());
        return services;
    }
}
