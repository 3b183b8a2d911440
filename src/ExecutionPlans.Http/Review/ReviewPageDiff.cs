using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Review;

/// <summary>
/// What changed between the previous version of a plan and the current one: the description, and the steps
/// matched by id (added, removed, fields changed, moved). A step counts as moved when it left the longest run
/// of steps that kept their order, so removing one step does not make every later step "moved".
/// </summary>
internal sealed class ReviewPageDiff
{
    // Relaxed escaping keeps "<" and quotes readable; the page HTML-encodes every value it shows.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ReviewPageDiff(int fromVersion, ReviewPageFieldChange? description, IReadOnlyList<ReviewPageStepChange> steps)
    {
        FromVersion = fromVersion;
        Description = description;
        Steps = steps;
    }

    /// <summary>The version compared against.</summary>
    public int FromVersion { get; }

    /// <summary>The plan's description before and after, when it changed.</summary>
    public ReviewPageFieldChange? Description { get; }

    /// <summary>The steps that differ: current steps in order, then removed ones.</summary>
    public IReadOnlyList<ReviewPageStepChange> Steps { get; }

    /// <summary>Whether anything differs.</summary>
    public bool HasChanges => Description is not null || Steps.Count > 0;

    public static ReviewPageDiff Compare(PlanVersionSnapshot previous, string description, IReadOnlyList<ExecutionStep> steps)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(steps);
        var before = IndexById(previous.Steps);
        var after = IndexById(steps);
        var kept = KeptInOrder(
            [.. before.Where(pair => after.ContainsKey(pair.Key)).OrderBy(pair => pair.Value.Position).Select(pair => pair.Key)],
            [.. after.Where(pair => before.ContainsKey(pair.Key)).OrderBy(pair => pair.Value.Position).Select(pair => pair.Key)]);

        var changes = new List<ReviewPageStepChange>();
        foreach (var (id, (step, position)) in after.OrderBy(pair => pair.Value.Position))
        {
            if (!before.TryGetValue(id, out var old))
            {
                changes.Add(new(ReviewPageChangeKind.Added, id, step, [], null, position, Moved: false));
                continue;
            }

            var fields = CompareFields(old.Step, step);
            var moved = !kept.Contains(id);
            if (fields.Count > 0 || moved)
            {
                changes.Add(new(ReviewPageChangeKind.Changed, id, step, fields, old.Position, position, moved));
            }
        }

        changes.AddRange(before
            .Where(pair => !after.ContainsKey(pair.Key))
            .OrderBy(pair => pair.Value.Position)
            .Select(pair => new ReviewPageStepChange(ReviewPageChangeKind.Removed, pair.Key, pair.Value.Step, [], pair.Value.Position, null, Moved: false)));

        var descriptionChange = string.Equals(previous.Description, description, StringComparison.Ordinal)
            ? null
            : new ReviewPageFieldChange("description", previous.Description, description);
        return new ReviewPageDiff(previous.Version, descriptionChange, changes);
    }

    /// <summary>A parameter value as the page shows it: strings as they are, everything else as compact JSON.</summary>
    public static string ValueText(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString(CompactJson) ?? "null";

    private static Dictionary<string, (ExecutionStep Step, int Position)> IndexById(IReadOnlyList<ExecutionStep> steps)
    {
        // Ids are unique in a valid plan; should one repeat, its first occurrence stands for it.
        var index = new Dictionary<string, (ExecutionStep, int)>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            index.TryAdd(steps[i].Id ?? string.Empty, (steps[i], i + 1));
        }

        return index;
    }

    private static List<ReviewPageFieldChange> CompareFields(ExecutionStep old, ExecutionStep current)
    {
        var fields = new List<ReviewPageFieldChange>();
        AddIfDifferent(fields, "tool", old.ToolName, current.ToolName);
        AddIfDifferent(fields, "description", old.Description, current.Description);
        AddIfDifferent(fields, "input", old.Input, current.Input);
        AddIfDifferent(fields, "dependsOn", DependsOnText(old), DependsOnText(current));

        var oldParameters = old.Parameters ?? [];
        var newParameters = current.Parameters ?? [];
        foreach (var name in oldParameters.Select(p => p.Key).Concat(newParameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal))
        {
            var wasThere = oldParameters.TryGetPropertyValue(name, out var before);
            var isThere = newParameters.TryGetPropertyValue(name, out var after);
            if (wasThere != isThere || !JsonNode.DeepEquals(before, after))
            {
                fields.Add(new("parameters." + name, wasThere ? ValueText(before) : null, isThere ? ValueText(after) : null));
            }
        }

        return fields;
    }

    /// <summary>A step's dependencies as people read them: after the previous step, none, or the ids.</summary>
    private static string DependsOnText(ExecutionStep step) => step.DependsOn switch
    {
        null => "the previous step",
        [] => "none",
        var ids => string.Join(", ", ids),
    };

    private static void AddIfDifferent(List<ReviewPageFieldChange> fields, string field, string? old, string? current)
    {
        if (!string.Equals(old ?? string.Empty, current ?? string.Empty, StringComparison.Ordinal))
        {
            fields.Add(new(field, old ?? string.Empty, current ?? string.Empty));
        }
    }

    /// <summary>The ids of the longest common subsequence of two orderings of the same steps.</summary>
    private static HashSet<string> KeptInOrder(string[] before, string[] after)
    {
        var lengths = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
        {
            for (var j = after.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = before[i] == after[j]
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < before.Length && j < after.Length;)
        {
            if (before[i] == after[j])
            {
                kept.Add(before[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return kept;
    }
}
