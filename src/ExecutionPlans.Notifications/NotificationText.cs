using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications;

/// <summary>The words both channels use: titles, subjects, times and summaries of a step's parameters.</summary>
internal static class NotificationText
{
    public static string Title(NotificationKind kind) => kind switch
    {
        NotificationKind.ApprovalRequested => "Approval requested",
        NotificationKind.Reminder => "Reminder: approval requested",
        NotificationKind.Escalated => "Escalated: approval requested",
        NotificationKind.Checkpoint => "Step awaits confirmation",
        NotificationKind.Completed => "Plan completed",
        NotificationKind.Failed => "Plan failed",
        NotificationKind.Cancelled => "Plan cancelled",
        NotificationKind.Message => "Message from a plan",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind."),
    };

    public static string SubjectPrefix(NotificationKind kind) => kind == NotificationKind.Reminder ? "Reminder" : Title(kind);

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Status(PlanStatus status) => status.ToWireName();

    public static string Status(StepStatus status) => status switch
    {
        StepStatus.Pending => "pending",
        StepStatus.AwaitingApproval => "awaiting approval",
        StepStatus.Running => "running",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.Skipped => "skipped",
        _ => status.ToString(),
    };

    /// <summary>The facts every channel shows about what the notification asks: risk, quorum progress, the hash and, at a checkpoint, the step.</summary>
    public static IEnumerable<(string Name, string Value)> PolicyFacts(ApprovalNotification notification)
    {
        if (notification.AsksForStep)
        {
            yield return ("Step", notification.StepId!);
        }

        if (notification.Risk is { } risk)
        {
            yield return ("Risk", (notification.AsksForStep && StepOf(notification) is { Risk: { } stepRisk } ? stepRisk : risk).ToWireName());
        }

        if (notification.Approvals is { } approvals && (notification.AsksForDecision || notification.AsksForStep))
        {
            yield return ("Approvals", approvals.Progress);
        }

        if (notification.PlanHash is { } hash)
        {
            yield return ("Plan hash", PlanHash.Abbreviate(hash));
        }
    }

    /// <summary>The step a checkpoint notification asks about, if it carries it.</summary>
    public static NotificationStep? StepOf(ApprovalNotification notification) =>
        notification.StepId is { } id ? notification.Steps.Find(step => step.Id == id) : null;

    /// <summary>What a step is marked with beside its tool: its risk and whether it asks for a checkpoint.</summary>
    public static IEnumerable<string> Marks(NotificationStep step)
    {
        if (step.Risk is { } risk)
        {
            yield return risk.ToWireName();
        }

        if (step.Checkpoint)
        {
            yield return "checkpoint";
        }
    }

    /// <summary>The parameters the step a checkpoint holds runs with, references filled in; null for other steps.</summary>
    public static string? RunsWith(ApprovalNotification notification, NotificationStep step, int maxChars) =>
        notification.AsksForStep && step.Id == notification.StepId
            ? (step.ResolvedParameters ?? step.Parameters) is { Count: > 0 } parameters ? Parameters(parameters, maxChars) : "no parameters"
            : null;

    /// <summary>What the choices of a checkpoint notification do; null for other notifications.</summary>
    public static string? Checkpoint(ApprovalNotification notification) =>
        notification.AsksForStep
            ? $"Step {OneLine(notification.StepId)} waits for confirmation before it runs, with the parameters shown. Approve step runs it once its approvals are in; Skip step skips it and the steps that depend on it; Reject plan ends the plan."
            : null;

    /// <summary>
    /// What recovering a failed plan would do, for a notification that offers it: which steps Retry keeps and which it runs
    /// again, and how long the plan can be recovered; null when the notification offers no recovery.
    /// </summary>
    public static string? Recovery(ApprovalNotification notification)
    {
        if (notification is not { OffersRecovery: true, RecoverableUntil: { } until })
        {
            return null;
        }

        var kept = notification.Steps.Where(Kept).Select(step => OneLine(step.Id)).ToList();
        var again = notification.Steps.Where(step => !Kept(step)).Select(step => OneLine(step.Id)).ToList();
        return $"The plan can be recovered until {Time(until)}. Retry runs {Steps(again)} again"
            + (kept.Count > 0 ? $" and keeps {Steps(kept)} with {(kept.Count == 1 ? "its output" : "their outputs")}" : string.Empty)
            + "; Request changes asks for a new version, which keeps the succeeded steps that do not change and needs approval again.";
    }

    /// <summary>A step's status on a notification, with what recovery would do with it when the notification offers recovery.</summary>
    public static string Status(ApprovalNotification notification, NotificationStep step) =>
        !notification.OffersRecovery ? Status(step.Status) : Kept(step) ? $"{Status(step.Status)}, kept" : $"{Status(step.Status)}, runs again on retry";

    /// <summary>A step's parameters on one line (<c>method: POST; url: https://…</c>), cut to <paramref name="maxChars"/>.</summary>
    public static string Parameters(JsonObject parameters, int maxChars)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(name).Append(": ").Append(Value(value));
            if (text.Length > maxChars)
            {
                break;
            }
        }

        return Cut(OneLine(text.ToString()), maxChars);
    }

    /// <summary>A parameter value as people read it: a string as it is, anything else as compact JSON.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static bool Kept(NotificationStep step) => PlanStateMachine.KeptOnRetry(step.Status);

    private static string Steps(List<string> ids) => Cut(ids.Count == 1 ? $"step {ids[0]}" : $"{ids.Count} steps ({string.Join(", ", ids)})", 300);

    /// <summary>The text with every run of white space (line breaks too) made one space.</summary>
    public static string OneLine(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The text, cut to at most <paramref name="maxChars"/> characters with an ellipsis when it was longer.</summary>
    public static string Cut(string? text, int maxChars)
    {
        text ??= string.Empty;
        if (text.Length <= maxChars)
        {
            return text;
        }

        var end = maxChars - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
