using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Planning;

/// <summary>The texts sent to the model: the system prompts with the tool catalog, the modification request and the repair request.</summary>
internal sealed class PlanPrompts
{
    private const string Instructions =
        """
        You plan tasks as tool calls. A person reviews your plan before anything runs; once approved, each step
        calls one tool with the step's parameters, after the steps it depends on.

        Answer with one JSON object and nothing else, of this shape:
        {"description": "what the plan achieves", "steps": [{"id": "s1", "toolName": "name of a tool below", "description": "what the step does, in words the reviewer understands", "input": "the step's input in plain words", "dependsOn": [], "parameters": {}}]}

        Rules:
        - Use only the tools listed below, by their exact name.
        - "parameters" is a JSON object that satisfies the parameter schema of the step's tool.
        - Number the step ids s1, s2, s3, ... in order.
        - "dependsOn" lists the ids of the steps that must finish first. Leave it out to run after the previous step;
          give [] for a step that needs nothing, so independent steps run at the same time.
        - A parameter value can use an earlier step's output: "{{steps.s1.output}}" is its text, and
          "{{steps.s1.output.items[0].name}}" a value inside it when the output is JSON. A value that is only a
          reference keeps the referenced type (a number stays a number); inside longer text it is written into it.
          A step may only read steps it depends on, directly or through others.
        - Use as few steps as the task needs, and at most {maxSteps}.

        Example: read the pods, then restart the first one:
        {"description": "Restart the first API pod", "steps": [
          {"id": "s1", "toolName": "list_pods", "description": "List the API pods", "input": "app=api", "parameters": {"app": "api"}},
          {"id": "s2", "toolName": "restart_pod", "description": "Restart the first pod", "input": "the first pod of s1", "dependsOn": ["s1"], "parameters": {"name": "{{steps.s1.output.items[0].name}}"}}]}
        """;

    private const string ModifyInstructions =
        """
        You are revising an existing plan as a reviewer asked. Change what the feedback asks for and keep the
        rest of the plan as it is, including the ids of unchanged steps. Answer with the complete revised plan,
        not only the changes.
        """;

    public PlanPrompts(ToolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var instructions = Instructions.Replace("{maxSteps}", catalog.MaxSteps.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var toolListing = DescribeTools(catalog.Tools);
        GenerateSystemPrompt = instructions + "\n\n" + toolListing;
        ModifySystemPrompt = instructions + "\n\n" + ModifyInstructions + "\n\n" + toolListing;
    }

    /// <summary>The system prompt for planning a request.</summary>
    public string GenerateSystemPrompt { get; }

    /// <summary>The system prompt for revising a plan.</summary>
    public string ModifySystemPrompt { get; }

    /// <summary>The user message for revising <paramref name="plan"/> on <paramref name="feedback"/>.</summary>
    public static string ModifyMessage(ExecutionPlan plan, string feedback)
    {
        var builder = new StringBuilder();
        var request = plan.Revisions.Find(r => r.Action == RevisionAction.Generated)?.Feedback;
        if (!string.IsNullOrWhiteSpace(request))
        {
            builder.Append("The original request:\n").Append(request).Append("\n\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"The current plan (version {plan.Version}):\n```json\n")
            .Append(DescribePlan(plan))
            .Append("\n```\n");
        if (plan.Status == PlanStatus.Failed)
        {
            DescribeFailure(builder, plan);
        }

        builder.Append("\nThe reviewer's feedback:\n")
            .Append(feedback)
            .Append("\n\nAnswer with the complete revised plan as one JSON object.");
        return builder.ToString();
    }

    /// <summary>
    /// What a failed plan's run left: the error, and each succeeded step's output. A step kept exactly as it is (id,
    /// tool, parameters, dependencies) keeps its result and does not run again.
    /// </summary>
    private static void DescribeFailure(StringBuilder builder, ExecutionPlan plan)
    {
        const int MaxOutputChars = 500;
        builder.Append("\nThe plan ran and failed: ").Append(plan.Error ?? "a step failed.").Append('\n');
        foreach (var step in plan.Steps)
        {
            var line = step.Status switch
            {
                StepStatus.Succeeded => $"- {step.Id} succeeded; its output: {Cut(step.Output ?? string.Empty, MaxOutputChars)}",
                StepStatus.Failed => $"- {step.Id} failed: {step.Error}",
                _ => $"- {step.Id} did not run.",
            };
            builder.Append(line).Append('\n');
        }

        builder.Append("Steps that succeeded and that you keep exactly as they are (same id, tool, parameters and dependencies) keep their output and do not run again.\n");
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    /// <summary>The user message asking the model to correct an answer that was not a valid plan.</summary>
    public static string RepairMessage(IEnumerable<string> problems)
    {
        var builder = new StringBuilder("Your answer cannot be used as a plan:\n");
        foreach (var problem in problems)
        {
            builder.Append("- ").Append(problem).Append('\n');
        }

        return builder
            .Append("\nAnswer again with the corrected, complete plan as one JSON object of the same shape, and nothing else.")
            .ToString();
    }

    /// <summary>The parts of a plan the model needs: no statuses, outputs or history.</summary>
    internal static string DescribePlan(ExecutionPlan plan)
    {
        var steps = new JsonArray();
        foreach (var step in plan.Steps)
        {
            steps.Add(new JsonObject
            {
                ["id"] = step.Id,
                ["toolName"] = step.ToolName,
                ["description"] = step.Description,
                ["input"] = step.Input,
                ["parameters"] = step.Parameters.DeepClone(),
            });
            if (step.DependsOn is { } dependsOn)
            {
                steps[^1]!["dependsOn"] = new JsonArray([.. dependsOn.Select(id => (JsonNode)id)]);
            }
        }

        var view = new JsonObject { ["description"] = plan.Description, ["steps"] = steps };
        return view.ToJsonString(ExecutionPlanJson.IndentedOptions);
    }

    private static string DescribeTools(IReadOnlyList<PlanTool> tools)
    {
        var builder = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Tools ({tools.Count}):\n");
        foreach (var tool in tools)
        {
            builder.Append("\n## ").Append(tool.Name).Append('\n')
                .Append(tool.Description).Append('\n')
                .Append("Parameters (JSON Schema): ")
                .Append(JsonSerializer.Serialize(tool.ParametersSchema))
                .Append('\n');
        }

        return builder.ToString();
    }
}
