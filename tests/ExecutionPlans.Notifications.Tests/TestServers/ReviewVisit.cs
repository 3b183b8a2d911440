namespace ExecutionPlans.Notifications.Tests.TestServers;

/// <summary>A visit to the stand-in review page.</summary>
internal sealed record ReviewVisit(string PlanId, string? Token, string? Action);
