using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;

namespace ExecutionPlans.Formatting;

/// <summary>Writes plans as Markdown for people to review.</summary>
public static class ExecutionPlanFormatter
{
    private static readonly JsonSerializerOptions ValueOptions = new()
    {
        // People read this; keep non-ASCII text and symbols as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Formats a plan as Markdown.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>
    /// <para>The plan as Markdown: lines separated by <c>\n</c>, no line break after the last line, sections
    /// separated by one blank line. The header section:</para>
    /// <code>
    /// # Execution Plan: {description}
    /// Task ID: {task id}
    /// Status: {status, for example pending_approval}
    /// Error: {plan error}                          (only when set)
    /// </code>
    /// <para>then one section per step, numbered from 1:</para>
    /// <code>
    /// ## Step {n}: {description}
    /// Tool: {tool name}
    /// Input: {input}
    /// Parameters:
    /// - {name}: {value}
    /// Status: {step status, for example succeeded} (only when not pending)
    /// Output: {output}                             (only when set; "Output (truncated):" when cut short)
    /// Error: {step error}                          (only when set)
    /// </code>
    /// <para>
    /// Parameters are listed by name (ordinal order); string values are written as they are, other values
    /// as compact JSON. A step without parameters has the single line <c>Parameters: none</c>. A label whose
    /// value is empty is written without the trailing space (for example <c>Input:</c>). Line breaks inside
    /// values are normalized to <c>\n</c>.
    /// </para>
    /// </returns>
    public static string FormatExecutionPlan(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var builder = new StringBuilder();
        AppendLine(builder, "# Execution Plan", plan.Description);
        AppendLine(builder, "Task ID", plan.TaskId);
        AppendLine(builder, "Status", plan.Status.ToWireName());
        if (plan.Error is not null)
        {
            AppendLine(builder, "Error", plan.Error);
        }

        var runsAfter = StepDependencies.Describe(plan);
        for (var index = 0; index < plan.Steps.Count; index++)
        {
            builder.Append('\n');
            AppendStep(builder, index + 1, plan.Steps[index], StepDependencies.IsNotSequential(plan, index) ? runsAfter[index] : null);
        }

        // Every line was written with a trailing line break; the result has none after the last line.
        return builder.ToString(0, builder.Length - 1);
    }

    // runsAfter: what the step runs after, when that is not simply the step before it.
    private static void AppendStep(StringBuilder builder, int number, ExecutionStep step, string? runsAfter)
    {
        AppendLine(builder, $"## Step {number}", step.Description);
        AppendLine(builder, "Tool", step.ToolName);
        if (runsAfter is not null)
        {
            AppendLine(builder, "Runs after", runsAfter);
        }

        AppendLine(builder, "Input", step.Input);
        if (step.Parameters.Count == 0)
        {
            AppendLine(builder, "Parameters", "none");
        }
        else
        {
            builder.Append("Parameters:\n");
            var sources = StepReferences.SourcesByParameter(step.Parameters);
            foreach (var (name, value) in step.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                // Where a value comes from, for a value filled in from an earlier step's output: "replicas ← s1.output.replicas".
                var text = FormatValue(value);
                AppendLine(builder, "- " + name, sources.TryGetValue(name, out var source) ? $"{text} ← {source}" : text);
            }
        }

        if (step.Status != StepStatus.Pending)
        {
            AppendLine(builder, "Status", step.Status.ToWireName());
        }

        if (step.Output is not null)
        {
            AppendLine(builder, step.OutputTruncated ? "Output (truncated)" : "Output", step.Output);
        }

        if (step.Error is not null)
        {
            AppendLine(builder, "Error", step.Error);
        }
    }

    private static string FormatValue(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? text.GetValue<string>()
            : value?.ToJsonString(ValueOptions) ?? "null";

    private static void AppendLine(StringBuilder builder, string label, string value)
    {
        builder.Append(label).Append(':');
        if (value.Length > 0)
        {
            builder.Append(' ').Append(value.ReplaceLineEndings("\n"));
        }

        builder.Append('\n');
    }
}
