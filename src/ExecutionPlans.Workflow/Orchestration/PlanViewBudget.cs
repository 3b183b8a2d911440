using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Keeps a <see cref="PlanView"/> under Durable's 16 KB custom-status limit, in place and in at most four
/// measurements: first step outputs and errors are cut to a preview; then long texts, parameters and old decisions
/// go; at last the steps become a <see cref="PlanOutline"/>. Whatever is shortened is marked, and the plan service
/// puts it back from the saved details (<see cref="Details.IPlanDetailStore"/>).
/// </summary>
internal static class PlanViewBudget
{
    /// <summary>
    /// The size a view may take as JSON text encoded in UTF-16, in bytes. Hosts measure the custom status that
    /// way (Durable Functions fails an orchestration whose status is over 16 KB of UTF-16); below 16 KB to leave
    /// room for a serializer that escapes a little more.
    /// </summary>
    public const int MaxBytes = 15 * 1024;

    private const int PreviewChars = 500;
    private const int MinTextChars = 200;
    private const int KeptDecisions = 5;
    private const int KeptInOutline = 2;
    private const string Marker = "… [truncated]";

    /// <summary>The JSON of a step with empty texts and the shortest status, in characters.</summary>
    private static readonly int EmptyStepChars = JsonSerializer.Serialize(new ExecutionStep { Status = StepStatus.Failed }).Length;

    /// <summary>Returns the view itself, shortened where it must be to fit.</summary>
    /// <param name="view">A view built for this call: it is changed in place.</param>
    /// <param name="maxBytes">The size limit in bytes.</param>
    /// <returns><paramref name="view"/>.</returns>
    public static PlanView Fit(PlanView view, int maxBytes = MaxBytes)
    {
        if (LeastStepsSize(view) > maxBytes)
        {
            // So many steps that even their shortest form cannot fit: the outline at once, without measuring.
            view.Truncated = true;
            CutTheRest(view);
            Outline(view);
            return view;
        }

        if (Size(view) <= maxBytes)
        {
            return view;
        }

        view.Truncated = true;
        CutStepResults(view);
        if (Size(view) <= maxBytes)
        {
            return view;
        }

        CutTheRest(view);
        if (Size(view) <= maxBytes)
        {
            return view;
        }

        Outline(view);
        return view;
    }

    /// <summary>Whether a text was cut to fit.</summary>
    public static bool IsCut(string? text) => text?.EndsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>
    /// An upper bound of the view's size as the Durable data converter writes it, in bytes of UTF-16: twice its UTF-8
    /// length, exact for the ASCII text the default encoder writes.
    /// </summary>
    public static int Size(PlanView view) => 2 * JsonSerializer.SerializeToUtf8Bytes(view).Length;

    /// <summary>
    /// A lower bound of what the steps take in any form but the outline, in bytes of UTF-16: each step's JSON with
    /// nothing in it but its id and tool, which escaping can only make longer. Counted, not serialized.
    /// </summary>
    private static long LeastStepsSize(PlanView view)
    {
        long chars = 0;
        foreach (var step in view.Steps)
        {
            chars += EmptyStepChars + step.Id.Length + step.ToolName.Length + 1;
        }

        return 2 * chars;
    }

    private static void CutStepResults(PlanView view)
    {
        foreach (var step in view.Steps)
        {
            if (step.Output is { Length: > PreviewChars + 1 })
            {
                step.Output = Cut(step.Output, PreviewChars);
                step.OutputTruncated = true;
            }

            step.Error = CutIfLong(step.Error, PreviewChars);
        }
    }

    private static void CutTheRest(PlanView view)
    {
        foreach (var step in view.Steps)
        {
            step.Description = CutIfLong(step.Description, MinTextChars)!;
            step.Input = CutIfLong(step.Input, MinTextChars)!;
            step.Parameters = [];
            step.ResolvedParameters = null;
            step.Error = CutIfLong(step.Error, MinTextChars);
            if (step.Output is { Length: > MinTextChars + 1 })
            {
                step.Output = Cut(step.Output, MinTextChars);
            }
        }

        foreach (var revision in view.Revisions)
        {
            revision.Feedback = CutIfLong(revision.Feedback, MinTextChars);
        }

        // Decisions are the workflow's own records: the view shortens copies.
        KeepNewest(view, KeptDecisions);
        view.Decisions = view.Decisions.ConvertAll(decision =>
        {
            var copy = decision.Clone();
            copy.Comment = CutIfLong(copy.Comment, MinTextChars);
            copy.Detail = CutIfLong(copy.Detail, MinTextChars);
            return copy;
        });

        view.PreviousVersion = null;
        view.Description = CutIfLong(view.Description, MinTextChars)!;
        view.Error = CutIfLong(view.Error, MinTextChars);
    }

    /// <summary>The last resort, for plans with many steps: each step's status in a letter, the errors of failed steps.</summary>
    private static void Outline(PlanView view)
    {
        var outline = new PlanOutline { Progress = string.Concat(view.Steps.Select(step => PlanOutline.CodeOf(step.Status))) };
        for (var index = 0; index < view.Steps.Count; index++)
        {
            var step = view.Steps[index];
            if (step.Status == StepStatus.Failed && step.Error is not null)
            {
                outline.Errors[index] = CutIfLong(step.Error, MinTextChars)!;
            }
            else if (step.Status == StepStatus.Skipped)
            {
                outline.SkipReason ??= step.Error;
            }
        }

        view.Outline = outline;
        view.Steps = [];
        KeepNewest(view, KeptInOutline);
        view.Revisions = [.. view.Revisions.TakeLast(KeptInOutline)];
    }

    private static void KeepNewest(PlanView view, int count)
    {
        view.Decisions = [.. view.Decisions.TakeLast(count)];
        view.Notifications = [.. view.Notifications.TakeLast(count)];
    }

    private static string? CutIfLong(string? text, int length) =>
        text is not null && text.Length > length + 1 ? Cut(text, length) : text;

    private static string Cut(string text, int length)
    {
        // A text cut before ends in the marker; cutting it again keeps one marker.
        if (IsCut(text))
        {
            text = text[..^Marker.Length];
        }

        if (text.Length <= length)
        {
            return text + Marker;
        }

        // Never split a surrogate pair.
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), Marker);
    }
}
