using System.Text.Json.Nodes;
using ExecutionPlans.Durable.Activities;
using ExecutionPlans.Durable.Workflow;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Durable.UnitTests.TestSupport;

internal static class TestPlans
{
    public const string Tool = "echo";

    public static ExecutionStep Step(string id, string tool = Tool) => new()
    {
        Id = id,
        ToolName = tool,
        Description = $"Run {id}",
        Input = $"input of {id}",
        Parameters = new JsonObject { ["text"] = id },
    };

    public static ExecutionPlan Plan(params string[] stepIds) => new()
    {
        Description = "Restart the web app",
        Steps = [.. stepIds.Select(id => Step(id))],
    };

    public static PlanOrchestrationInput Given(ExecutionPlan plan, bool requireApproval = true, params string[] approvers) => new()
    {
        Plan = plan,
        RequireApproval = requireApproval,
        ApprovalTimeout = TimeSpan.FromHours(1),
        RequestedBy = "alice",
        Approvers = [.. approvers],
    };

    public static PlanOrchestrationInput Request(string text, bool requireApproval = true) => new()
    {
        Input = text,
        RequireApproval = requireApproval,
        ApprovalTimeout = TimeSpan.FromHours(1),
        RequestedBy = "alice",
    };

    /// <summary>A fake whose validation passes and whose steps succeed with "output of {id}".</summary>
    public static OrchestrationContextFake Fake()
    {
        var fake = new OrchestrationContextFake();
        fake.Reply(nameof(ValidatePlanActivity), _ => new List<PlanValidationError>());
        fake.Reply(nameof(ExecuteStepActivity), call => Succeeded(call));
        return fake;
    }

    public static StepResult Succeeded(FakeActivityCall call) =>
        new(true, $"output of {call.Input<ExecuteStepRequest>().Step.Id}", null);
}
