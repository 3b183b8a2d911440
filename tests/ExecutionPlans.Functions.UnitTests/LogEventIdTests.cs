using System.Reflection;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>Every log message of the app's assemblies has an event id, unique in its assembly, so logs can be filtered by id.</summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string> Assemblies() =>
    [
        typeof(PlanOptions).Assembly.GetName().Name!,
        typeof(Workflow.WorkflowOptions).Assembly.GetName().Name!,
        typeof(Notifications.Email.EmailNotificationOptions).Assembly.GetName().Name!,
    ];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void LoggerMessages_OfAnAssembly_HaveUniqueEventIds(string assemblyName)
    {
        // Arrange
        var assembly = Assembly.Load(assemblyName);

        // Act
        var messages = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.Name}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .ToList();

        // Assert
        Assert.NotEmpty(messages);
        Assert.All(messages, message => Assert.True(message.Attribute!.EventId > 0, $"{message.Method} has no event id."));
        var repeated = messages.GroupBy(message => message.Attribute!.EventId).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Method))}");
        Assert.Empty(repeated);
    }
}
