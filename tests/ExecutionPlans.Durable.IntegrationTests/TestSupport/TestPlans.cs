using System.Text.Json.Nodes;
using ExecutionPlans.Durable.Workflow;
using ExecutionPlans.Model;

namespace ExecutionPlans.Durable.IntegrationTests.TestSupport;

/// <summary>Plans and workflow inputs over the test tools.</summary>
internal static class TestPlans
{
    /// <summary>A short value no other test uses, to tell one test's tool calls from another's.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static ExecutionPlan Plan(string description, params ExecutionStep[] steps) =>
        new() { Description = description, Steps = [.. steps] };

    public static PlanOrchestrationInput Given(ExecutionPlan plan, bool requireApproval = true, TimeSpan? approvalTimeout = null) =>
        new()
        {
            Plan = plan,
            RequireApproval = requireApproval,
            ApprovalTimeout = approvalTimeout ?? TimeSpan.FromDays(3),
            RequestedBy = "requester@example.com",
        };

    public static ExecutionStep Echo(string id, string message) =>
        Step(id, TestTools.Echo, new JsonObject { ["message"] = message });

    public static ExecutionStep Fail(string id, bool fail) =>
        Step(id, TestTools.Fail, new JsonObject { ["fail"] = fail });

    public static ExecutionStep Block(string id, string key) =>
        Step(id, TestTools.Block, new JsonObject { ["key"] = key });

    public static ExecutionStep BigOutput(string id) =>
        Step(id, TestTools.BigOutput, []);

    private static ExecutionStep Step(string id, string tool, JsonObject parameters) =>
        new() { Id = id, ToolName = tool, Description = $"Call {tool}.", Input = parameters.ToJsonString(), Parameters = parameters };
}
