using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ExecutionPlans.Graph;

/// <summary>
/// Finds and fills in the references to step outputs in parameter values. A value that is exactly one reference
/// takes the referenced JSON value with its type; a reference inside a longer string is written into it as text
/// (JSON text for objects and arrays). <c>\{{</c> stands for a literal <c>{{</c>.
/// </summary>
public static partial class StepReferences
{
    private const string Escape = "\\{{";

    /// <summary>Every reference in a parameter tree, with the JSON pointer of the value that holds it.</summary>
    /// <param name="parameters">A step's parameters.</param>
    /// <returns>The references, and the problems of what looks like a reference but is not one.</returns>
    public static (List<(string Pointer, StepReference Reference, bool WholeValue)> References, List<(string Pointer, string Problem)> Problems) Find(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var references = new List<(string, StepReference, bool)>();
        var problems = new List<(string, string)>();
        Walk(parameters, string.Empty, (pointer, text) =>
        {
            foreach (var token in Tokens(text))
            {
                if (token.Problem is { } problem)
                {
                    problems.Add((pointer, problem));
                }
                else if (token.Reference is { } reference)
                {
                    references.Add((pointer, reference, token.WholeValue));
                }
            }
        });
        return (references, problems);
    }

    /// <summary>The parameters with every reference filled in from the outputs of earlier steps.</summary>
    /// <param name="parameters">A step's parameters.</param>
    /// <param name="outputOf">The output text of a step, by id; null when the step has none.</param>
    /// <returns>The resolved parameters, or why a reference could not be filled in.</returns>
    public static (JsonObject? Resolved, string? Error) Resolve(JsonObject parameters, Func<string, string?> outputOf)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(outputOf);
        string? error = null;
        var resolved = (JsonObject)Map(parameters, text =>
        {
            if (error is not null)
            {
                return JsonValue.Create(text);
            }

            var (value, problem) = ResolveString(text, outputOf);
            error ??= problem;
            return value;
        })!;
        return error is null ? (resolved, null) : (null, error);
    }

    /// <summary>Where each top-level parameter's referenced values come from, for people: <c>replicas → s1.output.replicas</c>.</summary>
    /// <param name="parameters">A step's parameters.</param>
    /// <returns>The sources by parameter name; parameters without references are not listed.</returns>
    public static Dictionary<string, string> SourcesByParameter(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            var (references, _) = Find(new JsonObject { [name] = value?.DeepClone() });
            if (references.Count > 0)
            {
                sources[name] = string.Join(", ", references.Select(found => found.Reference.Source));
            }
        }

        return sources;
    }

    /// <summary>
    /// A copy of the parameters with every value that is exactly one reference replaced by JSON null, so a schema
    /// check can skip its type until the value is filled in; references inside text stay as they are.
    /// </summary>
    /// <param name="parameters">A step's parameters.</param>
    public static JsonObject WithoutWholeReferences(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (JsonObject)Map(parameters, text => Tokens(text).ToList() is [{ Reference: not null, WholeValue: true }] ? null : JsonValue.Create(text))!;
    }

    private static (JsonNode? Value, string? Error) ResolveString(string text, Func<string, string?> outputOf)
    {
        var tokens = Tokens(text).ToList();
        if (!tokens.Any(token => token.Reference is not null || token.Problem is not null))
        {
            return (JsonValue.Create(Unescape(text)), null);
        }

        if (tokens is [{ Reference: { } whole, WholeValue: true }])
        {
            return Value(whole, outputOf);
        }

        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Problem is { } problem)
            {
                return (null, problem);
            }

            if (token.Reference is not { } reference)
            {
                builder.Append(Unescape(token.Literal!));
                continue;
            }

            var (value, error) = Value(reference, outputOf);
            if (error is not null)
            {
                return (null, error);
            }

            builder.Append(value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                ? scalar.GetValue<string>()
                : value?.ToJsonString() ?? "null");
        }

        return (JsonValue.Create(builder.ToString()), null);
    }

    private static (JsonNode? Value, string? Error) Value(StepReference reference, Func<string, string?> outputOf)
    {
        var output = outputOf(reference.StepId);
        if (output is null)
        {
            return (null, $"{reference.Text}: step '{reference.StepId}' has no output.");
        }

        if (reference.Path.Count == 0)
        {
            return (JsonValue.Create(output), null);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(output);
        }
        catch (JsonException)
        {
            return (null, $"{reference.Text}: the output of step '{reference.StepId}' is not JSON, so '{reference.Source}' cannot be read; use {{{{steps.{reference.StepId}.output}}}} for its text.");
        }

        var walked = $"{reference.StepId}.output";
        foreach (var segment in reference.Path)
        {
            JsonNode? next = null;
            var found = segment.Name is { } name
                ? node is JsonObject obj && obj.TryGetPropertyValue(name, out next)
                : node is JsonArray array && segment.Index < array.Count;
            if (!found)
            {
                var what = segment.Name is null ? $"item {segment}" : $"property '{segment.Name}'";
                return (null, $"{reference.Text}: '{walked}' has no {what}.");
            }

            node = segment.Name is null ? ((JsonArray)node!)[segment.Index] : next;
            walked += segment.ToString();
        }

        return (node?.DeepClone(), null);
    }

    private static string Unescape(string text) => text.Replace(Escape, "{{", StringComparison.Ordinal);

    private static IEnumerable<Token> Tokens(string text)
    {
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            while (open > 0 && text[open - 1] == '\\')
            {
                open = text.IndexOf("{{", open + 2, StringComparison.Ordinal);
            }

            if (open < 0)
            {
                yield return new Token(text[position..], null, null, false);
                yield break;
            }

            if (open > position)
            {
                yield return new Token(text[position..open], null, null, false);
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                yield return new Token(null, null, $"'{Shorten(text[open..])}' opens a reference with {{{{ but never closes it with }}}}; write \\{{{{ for a literal {{{{.", false);
                yield break;
            }

            var raw = text[open..(close + 2)];
            var whole = open == 0 && close + 2 == text.Length;
            var match = ReferencePattern().Match(raw);
            yield return match.Success
                ? new Token(null, new StepReference(match.Groups["id"].Value, Segments(match.Groups["path"].Value), raw), null, whole)
                : new Token(null, null, $"'{Shorten(raw)}' is not a reference; write {{{{steps.<id>.output}}}} or {{{{steps.<id>.output.<path>}}}}, or \\{{{{ for a literal {{{{.", whole);
            position = close + 2;
        }
    }

    private static List<StepReferenceSegment> Segments(string path)
    {
        var segments = new List<StepReferenceSegment>();
        foreach (Match part in SegmentPattern().Matches(path))
        {
            segments.Add(part.Groups["name"].Success
                ? new StepReferenceSegment(part.Groups["name"].Value, 0)
                : new StepReferenceSegment(null, int.Parse(part.Groups["index"].Value, CultureInfo.InvariantCulture)));
        }

        return segments;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static void Walk(JsonNode? node, string pointer, Action<string, string> onString)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), onString);
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    Walk(array[index], pointer + "/" + index.ToString(CultureInfo.InvariantCulture), onString);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                onString(pointer, value.GetValue<string>());
                break;
        }
    }

    private static JsonNode? Map(JsonNode? node, Func<string, JsonNode?> onString) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Map(pair.Value, onString)))),
        JsonArray array => new JsonArray([.. array.Select(item => Map(item, onString))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => onString(value.GetValue<string>()),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"^\{\{\s*steps\.(?<id>[A-Za-z0-9_.\-]+?)\.output(?<path>(?:\.[A-Za-z0-9_$\-]+|\[\d{1,9}\])*)\s*\}\}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_$\-]+)|\[(?<index>\d{1,9})\]")]
    private static partial Regex SegmentPattern();

    private sealed record Token(string? Literal, StepReference? Reference, string? Problem, bool WholeValue);
}
