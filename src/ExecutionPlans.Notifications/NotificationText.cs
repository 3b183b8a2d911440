using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        NotificationKind.Completed => "Plan completed",
        NotificationKind.Failed => "Plan failed",
        NotificationKind.Cancelled => "Plan cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind."),
    };

    public static string SubjectPrefix(NotificationKind kind) => kind == NotificationKind.Reminder ? "Reminder" : Title(kind);

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Status(PlanStatus status) => status.ToWireName();

    public static string Status(StepStatus status) => status switch
    {
        StepStatus.Pending => "pending",
        StepStatus.Running => "running",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.Skipped => "skipped",
        _ => status.ToString(),
    };

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
