using System.Text.Json.Nodes;
using ExecutionPlans.Model;

namespace ExecutionPlans.UnitTests.TestSupport;

internal static class TestPlans
{
    public const string TaskId = "task-1";

    /// <summary>A bound on waits for work on other threads, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static ExecutionPlan Approved(params ExecutionStep[] steps) => new()
    {
        TaskId = TaskId,
        Description = "Test plan",
        Status = PlanStatus.Approved,
        UserApproved = true,
        CreatedAt = Created,
        UpdatedAt = Created,
        Steps = [.. steps],
    };

    public static ExecutionStep Step(string id, string toolName, JsonObject? parameters = null) => new()
    {
        Id = id,
        ToolName = toolName,
        Description = $"Run {toolName}",
        Parameters = parameters ?? [],
    };
}
