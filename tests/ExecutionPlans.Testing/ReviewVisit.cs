namespace ExecutionPlans.Testing;

/// <summary>A visit to the stand-in review page.</summary>
public sealed record ReviewVisit(string PlanId, string? Token, string? Action);
