using System.Diagnostics;
using System.Diagnostics.Metrics;
using ExecutionPlans.Model;

namespace ExecutionPlans.Telemetry;

/// <summary>
/// The plan workflow's traces and metrics, both named <see cref="Name"/>: spans for plan creation, each decision, each
/// step attempt and each model call, tagged with the plan's id (<see cref="PlanIdTag"/>); metrics for plans started and
/// ended by status, step duration, the wait for approval and decisions by outcome. Subscribe with OpenTelemetry
/// (<c>AddSource("ExecutionPlans")</c>, <c>AddMeter("ExecutionPlans")</c>); without a listener it costs nothing.
/// </summary>
public static class PlanTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "ExecutionPlans";

    /// <summary>The plan's id, on every span.</summary>
    public const string PlanIdTag = "executionplans.plan.id";

    /// <summary>A plan's status (<c>completed</c>, …).</summary>
    public const string StatusTag = "executionplans.plan.status";

    /// <summary>A step's id.</summary>
    public const string StepIdTag = "executionplans.step.id";

    /// <summary>The tool a step calls.</summary>
    public const string ToolTag = "executionplans.tool.name";

    /// <summary>Which attempt at a step, from 1.</summary>
    public const string AttemptTag = "executionplans.step.attempt";

    /// <summary>How a step attempt ended: <c>succeeded</c>, <c>failed</c> or <c>timed_out</c>.</summary>
    public const string StepOutcomeTag = "executionplans.step.outcome";

    /// <summary>A decision's kind (<c>approve</c>, <c>reject</c>, …).</summary>
    public const string DecisionKindTag = "executionplans.decision.kind";

    /// <summary>What became of a decision: at the API <c>accepted</c>, <c>conflict</c>, …; in the workflow <c>applied</c>, <c>stale</c>, ….</summary>
    public const string DecisionOutcomeTag = "executionplans.decision.outcome";

    private static readonly string? Version = typeof(PlanTelemetry).Assembly.GetName().Version?.ToString();

    private static readonly Counter<long> PlansStarted;
    private static readonly Counter<long> PlansEnded;
    private static readonly Histogram<double> StepDuration;
    private static readonly Histogram<double> ApprovalWait;
    private static readonly Counter<long> Decisions;

    static PlanTelemetry()
    {
        PlansStarted = Meter.CreateCounter<long>("executionplans.plans.started", "{plan}", "Plans started.");
        PlansEnded = Meter.CreateCounter<long>("executionplans.plans.ended", "{plan}", "Plans that ended, by status.");
        StepDuration = Meter.CreateHistogram<double>("executionplans.step.duration", "s", "How long one attempt at a step took, by tool and outcome.");
        ApprovalWait = Meter.CreateHistogram<double>("executionplans.approval.wait", "s", "How long a plan version had waited when each decision on it was applied, by decision.");
        Decisions = Meter.CreateCounter<long>("executionplans.decisions", "{decision}", "Decisions the workflow recorded, by kind and outcome.");
    }

    /// <summary>The source of the workflow's spans.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>The meter of the workflow's metrics.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Starts a span about one plan, tagged with its id; null when nobody listens.</summary>
    /// <param name="name">The span's name, such as <c>plan.create</c>.</param>
    /// <param name="planId">The plan's id.</param>
    /// <param name="kind">The span's kind.</param>
    /// <returns>The span, to dispose when the work ends.</returns>
    public static Activity? StartPlanActivity(string name, string planId, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        activity?.SetTag(PlanIdTag, planId);
        return activity;
    }

    /// <summary>Counts a plan started.</summary>
    public static void PlanStarted() => PlansStarted.Add(1);

    /// <summary>Counts a plan that ended.</summary>
    /// <param name="status">How it ended.</param>
    public static void PlanEnded(PlanStatus status) => PlansEnded.Add(1, new KeyValuePair<string, object?>(StatusTag, status.ToWireName()));

    /// <summary>Records one step attempt's duration.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="outcome"><c>succeeded</c>, <c>failed</c> or <c>timed_out</c>.</param>
    /// <param name="duration">How long it took.</param>
    public static void StepAttempted(string tool, string outcome, TimeSpan duration) =>
        StepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(ToolTag, tool), new KeyValuePair<string, object?>(StepOutcomeTag, outcome));

    /// <summary>Counts a decision the workflow recorded.</summary>
    /// <param name="kind">Its kind.</param>
    /// <param name="outcome">What became of it.</param>
    public static void DecisionRecorded(DecisionKind kind, DecisionOutcome outcome) =>
        Decisions.Add(1, new KeyValuePair<string, object?>(DecisionKindTag, Wire(kind)), new KeyValuePair<string, object?>(DecisionOutcomeTag, Wire(outcome)));

    /// <summary>Records how long a version had waited when a decision on it was applied.</summary>
    /// <param name="kind">The decision (approve, reject, modify, cancel, timeout).</param>
    /// <param name="waited">How long the version waited.</param>
    public static void ApprovalWaited(DecisionKind kind, TimeSpan waited) =>
        ApprovalWait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>(DecisionKindTag, Wire(kind)));

    /// <summary>A kind or outcome as tags carry it: lower case.</summary>
    /// <param name="value">The enum value.</param>
    /// <returns>Its name in lower case.</returns>
    public static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
