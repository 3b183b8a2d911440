using System.Globalization;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// A decision event's payload, read leniently: a bare <c>true</c>, <c>{}</c>, <c>null</c>, a plain string or an
/// object with any of the fields of the event's record (<see cref="ApprovedEvent"/>, <see cref="ModifyEvent"/>,
/// <see cref="RejectedEvent"/>, <see cref="CancelEvent"/>) all work; <c>approver</c> is read as <c>by</c>.
/// </summary>
internal sealed record DecisionPayload
{
    public static DecisionPayload Empty { get; } = new();

    /// <summary>How much of a refused text is kept in its record.</summary>
    private const int RecordedChars = 200;

    public int? Version { get; init; }

    public string? DecisionId { get; init; }

    public string? By { get; init; }

    /// <summary>The hash of the version decided on, if named.</summary>
    public string? PlanHash { get; init; }

    /// <summary>The step a checkpoint decision is for, if named.</summary>
    public string? StepId { get; init; }

    /// <summary>The comment, feedback or reason, whichever the event carries.</summary>
    public string? Text { get; init; }

    /// <summary>A replacement plan, for <see cref="PlanEvents.Modify"/>.</summary>
    public ExecutionPlan? Plan { get; init; }

    /// <summary>Set when the payload was <c>false</c>: the sender said no to the event itself.</summary>
    public bool Negated { get; init; }

    /// <summary>Why part of the payload was ignored, if it was.</summary>
    public string? Problem { get; init; }

    /// <summary>Reads the payload of a decision event, with the text field of that event's record.</summary>
    /// <param name="eventName">One of <see cref="PlanEvents"/>.</param>
    /// <param name="payload">The raw payload (undefined when the event had none).</param>
    /// <exception cref="ArgumentException">The name is not a decision event's.</exception>
    public static DecisionPayload Read(string eventName, JsonElement payload) => eventName switch
    {
        PlanEvents.Approved or PlanEvents.Retry => Parse(payload, "comment"),
        PlanEvents.Modify => Parse(payload, "feedback", "comment"),
        PlanEvents.Rejected or PlanEvents.Cancel or PlanEvents.Skip => Parse(payload, "reason", "comment"),
        _ => throw new ArgumentException($"'{eventName}' is not a decision event; the events are {PlanEvents.Approved}, {PlanEvents.Modify}, {PlanEvents.Rejected}, {PlanEvents.Cancel}, {PlanEvents.Retry} and {PlanEvents.Skip}.", nameof(eventName)),
    };

    /// <summary>Reads an event payload.</summary>
    /// <param name="payload">The raw payload (undefined when the event had none).</param>
    /// <param name="textFields">The object fields that carry the event's text, in order of preference.</param>
    private static DecisionPayload Parse(JsonElement payload, params string[] textFields)
    {
        switch (payload.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.True:
                return Empty;
            case JsonValueKind.False:
                return new() { Negated = true };
            case JsonValueKind.String:
                var text = StringOf(payload);
                return string.IsNullOrWhiteSpace(text) ? Empty : Limited(new() { Text = text });
            case JsonValueKind.Object:
                return ParseObject(payload, textFields);
            default:
                return new() { Problem = $"A {payload.ValueKind.ToString().ToLowerInvariant()} payload is not understood; it was ignored." };
        }
    }

    private static DecisionPayload ParseObject(JsonElement payload, string[] textFields)
    {
        string? problem = null;
        int? version = null;
        if (TryGetProperty(payload, "version", out var versionElement))
        {
            version = ReadVersion(versionElement);
            if (version is null && versionElement.ValueKind is not JsonValueKind.Null)
            {
                problem = $"The version '{versionElement.GetRawText()}' is not a whole number.";
            }
        }

        if (payload.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.String && StringOf(p.Value) is null).Value.ValueKind != JsonValueKind.Undefined)
        {
            problem ??= "A text of the payload holds a UTF-16 surrogate without its pair, which is not text.";
        }

        ExecutionPlan? plan = null;
        if (TryGetProperty(payload, "plan", out var planElement) && planElement.ValueKind == JsonValueKind.Object)
        {
            try
            {
                plan = planElement.Deserialize<ExecutionPlan>(ExecutionPlanJson.Options);
            }
            catch (JsonException exception)
            {
                problem = $"The plan could not be read: {exception.Message}";
            }
        }

        var planHash = ReadString(payload, "planHash");
        if (planHash is not null && !Model.PlanHash.IsHash(planHash))
        {
            problem ??= $"The plan hash '{PlanLimits.Shown(planHash)}' is not a hash of {Model.PlanHash.Length} hex digits.";
            planHash = PlanLimits.Shown(planHash);
        }

        var stepId = ReadString(payload, "stepId");
        if (stepId is not null && !PlanLimits.IsStepId(stepId))
        {
            problem ??= $"The step id '{PlanLimits.Shown(stepId)}' is not a step id.";
            stepId = PlanLimits.Shown(stepId);
        }

        return Limited(new()
        {
            Version = version,
            PlanHash = planHash,
            StepId = stepId,
            DecisionId = ReadString(payload, "decisionId"),
            By = ReadString(payload, "by") ?? ReadString(payload, "approver"),
            Text = textFields.Select(field => ReadString(payload, field)).FirstOrDefault(value => value is not null),
            Plan = plan,
            Problem = problem,
        });
    }

    /// <summary>
    /// Refuses a payload whose texts are over <see cref="PlanLimits"/> (the routes answer 400 for them; raw events are
    /// refused and recorded), keeping only the start of each text so the record stays small.
    /// </summary>
    private static DecisionPayload Limited(DecisionPayload payload)
    {
        var problem = payload.Text?.Length > PlanLimits.MaxDecisionTextChars
            ? $"The decision's text has {payload.Text.Length} characters; at most {PlanLimits.MaxDecisionTextChars} are accepted."
            : payload.By?.Length > PlanLimits.MaxApproverChars
                ? $"The decider's name has {payload.By.Length} characters; at most {PlanLimits.MaxApproverChars} are accepted."
                : payload.DecisionId?.Length > PlanLimits.MaxDecisionIdChars
                    ? $"The decision id has {payload.DecisionId.Length} characters; at most {PlanLimits.MaxDecisionIdChars} are accepted."
                    : null;
        return problem is null ? payload : payload with
        {
            Text = Start(payload.Text, RecordedChars),
            By = Start(payload.By, PlanLimits.MaxApproverChars),
            DecisionId = Start(payload.DecisionId, PlanLimits.MaxDecisionIdChars),
            Plan = null,
            Problem = payload.Problem ?? problem,
        };
    }

    private static string? Start(string? text, int length) => text is null || text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    /// <summary>The text of a JSON string; null for one that escapes a lone surrogate, which cannot be read as text.</summary>
    private static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static int? ReadVersion(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private static string? ReadString(JsonElement payload, string name)
    {
        if (!TryGetProperty(payload, name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => StringOf(value),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static bool TryGetProperty(JsonElement payload, string name, out JsonElement value)
    {
        foreach (var property in payload.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
