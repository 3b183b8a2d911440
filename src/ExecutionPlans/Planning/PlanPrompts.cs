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
        You plan tasks as a sequence of tool calls. A person reviews your plan before anything runs;
        once approved, the steps run one after the other, each calling one tool with the step's parameters.

        Answer with one JSON object and nothing else, of this shape:
        {"description": "what the plan achieves", "steps": [{"id": "s1", "toolName": "name of a tool below", "description": "what the step does, in words the reviewer understands", "input": "the step's input in plain words", "parameters": {}}]}

        Rules:
        - Use only the tools listed below, by their exact name.
        - "parameters" is a JSON object that satisfies the parameter schema of the step's tool.
        - Number the step ids s1, s2, s3, ... in order.
        - Use as few steps as the task needs, and at most {maxSteps}.
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
            .Append("\n```\n\nThe reviewer's feedback:\n")
            .Append(feedback)
            .Append("\n\nAnswer with the complete revised plan as one JSON object.");
        return builder.ToString();
    }

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
