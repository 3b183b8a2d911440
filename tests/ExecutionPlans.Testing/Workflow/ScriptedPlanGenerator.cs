using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Planning;

namespace ExecutionPlans.Testing;

/// <summary>
/// Stands in for the model: a request becomes a one-step plan that echoes it, and each piece of feedback
/// adds a step that echoes the feedback.
/// </summary>
public sealed class ScriptedPlanGenerator : IExecutionPlanGenerator
{
    private readonly ConcurrentQueue<string> feedback = new();

    /// <summary>Every piece of feedback the generator was asked to apply, in order.</summary>
    public IReadOnlyCollection<string> Feedback => feedback;

    public static string DescriptionFor(string input) => $"Plan for: {input}";

    public Task<ExecutionPlan> GenerateExecutionPlanAsync(string input, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ExecutionPlan
        {
            Description = DescriptionFor(input),
            Steps = [EchoStep("s1", input)],
            Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Generated, Feedback = input }],
        });

    public Task<ExecutionPlan> ModifyExecutionPlanAsync(ExecutionPlan plan, string feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        this.feedback.Enqueue(feedback);
        var revised = plan.Clone();
        revised.Version = plan.Version + 1;
        revised.Steps.Add(EchoStep($"s{plan.Steps.Count + 1}", feedback));
        revised.Revisions.Add(new PlanRevision { Version = revised.Version, Action = RevisionAction.Modified, Feedback = feedback });
        return Task.FromResult(revised);
    }

    private static ExecutionStep EchoStep(string id, string message) => new()
    {
        Id = id,
        ToolName = TestTools.Echo,
        Description = $"Echo '{message}'.",
        Parameters = new JsonObject { ["message"] = message },
    };
}
