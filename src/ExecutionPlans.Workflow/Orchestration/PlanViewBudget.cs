using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Keeps a <see cref="PlanView"/> under Durable's 16 KB custom-status limit by shortening, in order:
/// step outputs and errors (longest first), old decisions, the previous version, long texts, step parameters, and at
/// last everything but an outline of the steps.
/// Whatever is shortened is marked, so nobody mistakes a cut output for the whole.
/// </summary>
internal static class PlanViewBudget
{
    /// <summary>
    /// The size a view may take as JSON text encoded in UTF-16, in bytes. Hosts measure the custom status that
    /// way (Durable Functions fails an orchestration whose status is over 16 KB of UTF-16); below 16 KB to leave
    /// room for a serializer that escapes a little more.
    /// </summary>
    public const int MaxBytes = 15 * 1024;

    private const int MinTextChars = 200;
    private const int KeptDecisions = 5;
    private const int OutlineChars = 40;
    private const string Marker = "… [truncated]";

    /// <summary>Returns the view itself when it fits, else a shortened copy that does.</summary>
    /// <param name="view">The view to fit.</param>
    /// <param name="maxBytes">The size limit in bytes.</param>
    public static PlanView Fit(PlanView view, int maxBytes = MaxBytes)
    {
        if (Size(view) <= maxBytes)
        {
            return view;
        }

        var copy = JsonSerializer.Deserialize<PlanView>(JsonSerializer.SerializeToUtf8Bytes(view))!;
        copy.Truncated = true;
        if (ShortenStepResults(copy, maxBytes) || DropOldDecisions(copy, maxBytes) || DropPreviousVersion(copy, maxBytes) || ShortenTexts(copy, maxBytes))
        {
            return copy;
        }

        foreach (var step in copy.Steps)
        {
            step.Parameters = new JsonObject { ["truncated"] = true };
        }

        if (Size(copy) > maxBytes)
        {
            KeepOnlyTheOutline(copy);
        }

        return copy;
    }

    /// <summary>
    /// The last resort, for plans with many steps: each step keeps its id, tool, status and a short description;
    /// the history keeps its latest entries. The full plan is still the orchestration's own state.
    /// </summary>
    private static void KeepOnlyTheOutline(PlanView view)
    {
        foreach (var step in view.Steps)
        {
            step.Description = string.Empty;
            step.Input = string.Empty;
            step.Parameters = [];
            step.OutputTruncated |= step.Output is not null;
            step.Output = null;
            step.Error = step.Error is null ? null : Cut(step.Error, OutlineChars);
        }

        view.Revisions = [.. view.Revisions.TakeLast(2)];
        view.Decisions = [.. view.Decisions.TakeLast(2)];
        view.Notifications = [.. view.Notifications.TakeLast(2)];
        view.PreviousVersion = null;
        view.Description = Cut(view.Description, MinTextChars);
    }

    /// <summary>The size of the view as the Durable data converter writes it, in bytes of UTF-16.</summary>
    public static int Size(PlanView view) => Encoding.Unicode.GetByteCount(JsonSerializer.Serialize(view));

    private static bool ShortenStepResults(PlanView view, int maxBytes)
    {
        while (Size(view) > maxBytes)
        {
            // Tuples are values: MaxBy of none throws rather than returning a default, so check for none first.
            var candidates = view.Steps
                .SelectMany(step => new[] { (step, output: true, text: step.Output), (step, output: false, text: step.Error) })
                // A text cut once ends in the marker; only what can still get shorter is a candidate.
                .Where(candidate => candidate.text?.Length > MinTextChars + Marker.Length)
                .ToList();
            if (candidates.Count == 0)
            {
                return false;
            }

            var longest = candidates.MaxBy(candidate => candidate.text!.Length);

            var shortened = Cut(longest.text!, Math.Max(MinTextChars, longest.text!.Length / 2));
            if (longest.output)
            {
                longest.step.Output = shortened;
                longest.step.OutputTruncated = true;
            }
            else
            {
                longest.step.Error = shortened;
            }
        }

        return true;
    }

    private static bool DropOldDecisions(PlanView view, int maxBytes)
    {
        if (view.Decisions.Count > KeptDecisions)
        {
            view.Decisions.RemoveRange(0, view.Decisions.Count - KeptDecisions);
        }

        return Size(view) <= maxBytes;
    }

    private static bool DropPreviousVersion(PlanView view, int maxBytes)
    {
        view.PreviousVersion = null;
        return Size(view) <= maxBytes;
    }

    private static bool ShortenTexts(PlanView view, int maxBytes)
    {
        foreach (var revision in view.Revisions)
        {
            revision.Feedback = CutIfLong(revision.Feedback);
        }

        foreach (var decision in view.Decisions)
        {
            decision.Comment = CutIfLong(decision.Comment);
            decision.Detail = CutIfLong(decision.Detail);
        }

        foreach (var step in view.Steps)
        {
            step.Description = CutIfLong(step.Description)!;
            step.Input = CutIfLong(step.Input)!;
        }

        view.Description = CutIfLong(view.Description)!;
        view.Error = CutIfLong(view.Error);
        return Size(view) <= maxBytes;
    }

    private static string? CutIfLong(string? text) =>
        text is { Length: > MinTextChars } ? Cut(text, MinTextChars) : text;

    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Never split a surrogate pair.
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), Marker);
    }
}
