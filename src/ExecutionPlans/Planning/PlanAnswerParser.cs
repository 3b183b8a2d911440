using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExecutionPlans.Model;

namespace ExecutionPlans.Planning;

/// <summary>
/// Reads a model's answer as a plan. Tolerates prose and Markdown code fences around the JSON, property names
/// in any case, comments and trailing commas; steps without an id get <c>s{position}</c> (s1 for the first step).
/// </summary>
internal static partial class PlanAnswerParser
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly string[] StepTextProperties = ["id", "toolName", "description", "input"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static PlanAnswer Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return PlanAnswer.Unreadable("The answer was empty; it must be a JSON object with \"description\" and \"steps\".");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(ExtractJson(answer), NodeOptions, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return PlanAnswer.Unreadable($"The answer is not valid JSON: {exception.Message}");
        }

        if (root is not JsonObject plan)
        {
            return PlanAnswer.Unreadable("The answer is not a JSON object; it must be an object with \"description\" and \"steps\".");
        }

        if (!TryReadString(plan, "description", out var description))
        {
            return PlanAnswer.Unreadable("The plan's \"description\" must be a string.");
        }

        if (plan["steps"] is not JsonArray items)
        {
            return PlanAnswer.Unreadable("The plan has no \"steps\" array.");
        }

        var steps = new List<ExecutionStep>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var error = TryReadStep(items[index], index + 1, out var step);
            if (error is not null)
            {
                return PlanAnswer.Unreadable(error);
            }

            steps.Add(step!);
        }

        return new PlanAnswer(description, steps, null);
    }

    /// <summary>The JSON inside the answer: the first fenced block that holds an object, else the outermost braces.</summary>
    internal static string ExtractJson(string answer)
    {
        foreach (Match fence in FencePattern().Matches(answer))
        {
            var body = fence.Groups["body"].Value.Trim();
            if (body.StartsWith('{'))
            {
                return body;
            }
        }

        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        return start >= 0 && end > start ? answer[start..(end + 1)] : answer.Trim();
    }

    private static string? TryReadStep(JsonNode? node, int position, out ExecutionStep? step)
    {
        step = null;
        if (node is not JsonObject item)
        {
            return $"Step {position} is not a JSON object.";
        }

        foreach (var name in StepTextProperties)
        {
            if (!TryReadString(item, name, out _))
            {
                return $"Step {position}: \"{name}\" must be a string.";
            }
        }

        var parameters = item["parameters"];
        if (parameters is not null and not JsonObject)
        {
            return $"Step {position}: \"parameters\" must be a JSON object.";
        }

        List<string>? dependsOn = null;
        switch (item["dependsOn"])
        {
            case null:
                break;
            case JsonArray ids when ids.All(idNode => idNode is JsonValue v && v.TryGetValue<string>(out _)):
                dependsOn = [.. ids.Select(idNode => idNode!.GetValue<string>().Trim())];
                break;
            default:
                return $"Step {position}: \"dependsOn\" must be an array of step ids.";
        }

        TryReadString(item, "id", out var id);
        TryReadString(item, "toolName", out var toolName);
        TryReadString(item, "description", out var stepDescription);
        TryReadString(item, "input", out var input);
        step = new ExecutionStep
        {
            Id = string.IsNullOrWhiteSpace(id) ? $"s{position}" : id.Trim(),
            ToolName = toolName.Trim(),
            Description = stepDescription,
            Input = input,
            Parameters = parameters is null ? [] : (JsonObject)parameters.DeepClone(),
            DependsOn = dependsOn,
            Status = StepStatus.Pending,
        };
        return null;
    }

    /// <summary>Reads an optional string property; a missing or null property reads as empty.</summary>
    private static bool TryReadString(JsonObject owner, string name, out string value)
    {
        value = string.Empty;
        switch (owner[name])
        {
            case null:
                return true;
            case JsonValue text when text.TryGetValue<string>(out var s):
                value = s;
                return true;
            default:
                return false;
        }
    }

    [GeneratedRegex(@"```[ \t]*[A-Za-z]*[ \t]*\r?\n(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FencePattern();
}
