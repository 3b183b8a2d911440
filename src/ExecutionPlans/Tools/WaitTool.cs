using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;

namespace ExecutionPlans.Tools;

/// <summary>
/// The built-in <c>wait</c> tool: waits a duration (<c>{"duration": "PT10M"}</c>), so that the steps after it run
/// later ("wait 10 minutes, then check"). The durable workflow waits on a durable timer, not in an activity, so the
/// wait survives restarts and holds no worker; the in-process executor waits on its <see cref="TimeProvider"/>.
/// </summary>
/// <param name="time">The clock the in-process executor waits on.</param>
public sealed class WaitTool(TimeProvider time) : PlanTool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "wait";

    /// <summary>The longest wait a step may ask for.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    private static readonly JsonElement Schema = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new
        {
            duration = new
            {
                type = "string",
                description = "How long to wait: an ISO 8601 duration such as PT30S, PT10M or PT2H, at most P7D.",
            },
        },
        required = new[] { "duration" },
        additionalProperties = false,
    });

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description =>
        "Waits for a duration before the steps that depend on it run, for example 10 minutes before checking again. Changes nothing.";

    /// <inheritdoc />
    public override JsonElement ParametersSchema => Schema;

    /// <inheritdoc />
    public override ToolRisk Risk => ToolRisk.Read;

    /// <inheritdoc />
    public override IEnumerable<string> Validate(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);

        // A duration taken from an earlier step's output is known only when the step runs, and checked then.
        if (parameters["duration"] is JsonValue value && value.TryGetValue<string>(out var text) && !text.Contains("{{", StringComparison.Ordinal)
            && !TryReadDuration(parameters, out _, out var error))
        {
            yield return error;
        }
    }

    /// <inheritdoc />
    public override async Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!TryReadDuration(parameters, out var duration, out var error))
        {
            throw new ToolExecutionException(error);
        }

        await Task.Delay(duration, time, cancellationToken).ConfigureAwait(false);
        return Waited(duration);
    }

    /// <summary>Reads a step's duration: a positive ISO 8601 duration (or TimeSpan) of at most <see cref="MaxDuration"/>.</summary>
    /// <param name="parameters">The step's parameters.</param>
    /// <param name="duration">The duration, when valid.</param>
    /// <param name="error">Why the duration is not valid, in a sentence.</param>
    /// <returns>Whether the duration is valid.</returns>
    public static bool TryReadDuration(JsonObject parameters, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        duration = default;
        if (parameters["duration"] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            error = "The wait needs a 'duration', an ISO 8601 duration such as PT10M.";
            return false;
        }

        if (!Durations.TryParse(text, out duration))
        {
            error = $"The duration '{text}' is not a positive ISO 8601 duration such as PT30S, PT10M or PT2H.";
            return false;
        }

        if (duration > MaxDuration)
        {
            error = $"The duration '{text}' is longer than the longest wait, {Durations.Format(MaxDuration)} ({Describe(MaxDuration)}).";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The output of a wait that ran its course: <c>waited 10 minutes</c>.</summary>
    /// <param name="duration">How long it waited.</param>
    /// <returns>The output.</returns>
    public static string Waited(TimeSpan duration) => "waited " + Describe(duration);

    /// <summary>A duration as people say it: <c>1 hour 30 minutes</c>, <c>2 seconds</c>, <c>0.5 seconds</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Describe(TimeSpan duration)
    {
        var parts = new List<string>();
        Add(parts, duration.Days, "day");
        Add(parts, duration.Hours, "hour");
        Add(parts, duration.Minutes, "minute");
        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        if (seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} second{(seconds == 1 ? string.Empty : "s")}"));
        }

        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, int count, string unit)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}"));
        }
    }
}
