using System.Text.Json.Nodes;

namespace ExecutionPlans.Model;

/// <summary>
/// The sizes a plan and the decisions on it may have, checked where plans come in (the API, events, the model's
/// answers) so that a plan at every limit at once still fits the durable engine's storage (Azure Table properties
/// hold 64 KB; a plan's status must stay under 16 KB). The number of steps is configured: <c>Plans:MaxSteps</c>.
/// </summary>
public static class PlanLimits
{
    /// <summary>The longest step id.</summary>
    public const int MaxStepIdChars = 64;

    /// <summary>The longest tool name a step may give.</summary>
    public const int MaxToolNameChars = 128;

    /// <summary>The longest description of a plan.</summary>
    public const int MaxDescriptionChars = 4_000;

    /// <summary>The longest description of a step.</summary>
    public const int MaxStepDescriptionChars = 2_000;

    /// <summary>The longest free-text input of a step.</summary>
    public const int MaxStepInputChars = 4_000;

    /// <summary>The most a step's parameters may take, as JSON text.</summary>
    public const int MaxParametersChars = 16_384;

    /// <summary>The most approvers a plan may name.</summary>
    public const int MaxApprovers = 20;

    /// <summary>The longest approver (or requester, or decider) name.</summary>
    public const int MaxApproverChars = 100;

    /// <summary>The longest comment, feedback or reason of a decision.</summary>
    public const int MaxDecisionTextChars = 4_000;

    /// <summary>The longest decision id a caller may give (it only needs to be unique for the plan).</summary>
    public const int MaxDecisionIdChars = 128;

    /// <summary>The characters a step id is made of: letters, digits, '_', '-' and '.'.</summary>
    public const string StepIdCharacters = "A-Z, a-z, 0-9, '_', '-' and '.'";

    /// <summary>Whether <paramref name="id"/> is a step id: 1 to <see cref="MaxStepIdChars"/> of <see cref="StepIdCharacters"/>.</summary>
    public static bool IsStepId(string? id) =>
        id is { Length: > 0 and <= MaxStepIdChars } && id.AsSpan().IndexOfAnyExcept(StepIdAlphabet) < 0;

    /// <summary>A name or value from a plan or request as a message quotes it: cut to 80 characters, so a long one does not fill the answer.</summary>
    public static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "…");
    }

    /// <summary>Whether a text holds a UTF-16 surrogate without its pair, which no JSON writer or HTTP message can carry.</summary>
    public static bool HasLoneSurrogate(string? text)
    {
        if (text is null)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON pointer (below <paramref name="path"/>) of the first name or text in <paramref name="node"/> with a lone surrogate, or null.</summary>
    public static string? FirstLoneSurrogate(JsonNode? node, string path = "")
    {
        try
        {
            return Walk(node, path);
        }
        catch (InvalidOperationException)
        {
            // A property name that escapes a lone surrogate cannot even be listed.
            return path.Length == 0 ? "/" : path;
        }
    }

    private static string? Walk(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = $"{path}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (HasLoneSurrogate(name))
                    {
                        return at;
                    }

                    if (FirstLoneSurrogate(value, at) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    if (FirstLoneSurrogate(array[index], $"{path}/{index}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                return !TryRead(value, out var text) || HasLoneSurrogate(text) ? (path.Length == 0 ? "/" : path) : null;
            default:
                return null;
        }
    }

    // JSON text that escapes a lone surrogate (\ud800) parses, and then cannot be read as a string at all.
    private static bool TryRead(JsonValue value, out string text)
    {
        try
        {
            text = value.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static readonly System.Buffers.SearchValues<char> StepIdAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");
}
