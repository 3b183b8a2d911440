using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications;

/// <summary>
/// What each step of a notification runs after and where its referenced values come from, in the words the review
/// page uses: <c>Runs after: b, c</c> and <c>body ← a.output.json.items[0].name</c>. The dependencies are the
/// effective ones of the plan graph, so a step without <c>dependsOn</c> shows the step before it and the steps it
/// references.
/// </summary>
internal sealed class NotificationGraph
{
    /// <summary>The words for a step that waits for no other step.</summary>
    public const string NoDependencies = StepDependencies.None;

    private readonly IReadOnlyList<NotificationStep> steps;
    private readonly PlanGraph graph;

    private NotificationGraph(IReadOnlyList<NotificationStep> steps, PlanGraph graph)
    {
        this.steps = steps;
        this.graph = graph;
    }

    /// <summary>The graph of a notification's steps.</summary>
    public static NotificationGraph Of(IReadOnlyList<NotificationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);

        // The plan was validated before anyone was notified; should it not be, unknown ids are simply left out.
        var plan = new ExecutionPlan
        {
            Steps = [.. steps.Select(step => new ExecutionStep { Id = step.Id, DependsOn = step.DependsOn, Parameters = step.Parameters ?? [] })],
        };
        return new(steps, PlanGraph.Build(plan).Graph);
    }

    /// <summary>The ids of the steps step <paramref name="index"/> runs after, in plan order, or <see cref="NoDependencies"/>.</summary>
    public string RunsAfter(int index)
    {
        var dependencies = graph.DependenciesOf(index);
        return dependencies.Count == 0
            ? NoDependencies
            : string.Join(", ", dependencies.Order().Select(dependency => NotificationText.OneLine(steps[dependency].Id)));
    }

    /// <summary>
    /// One line per parameter of step <paramref name="index"/> whose value comes from earlier outputs:
    /// <c>body ← a.output.json.items[0].name</c>; with <paramref name="withValues"/>, followed by the value the step
    /// received when it ran (<c> = api-1</c>), cut to <paramref name="maxValueChars"/>.
    /// </summary>
    public List<string> Sources(int index, bool withValues, int maxValueChars)
    {
        var step = steps[index];
        var lines = new List<string>();
        foreach (var (name, source) in StepReferences.SourcesByParameter(step.Parameters ?? []))
        {
            var line = $"{NotificationText.OneLine(name)} ← {source}";
            if (withValues && step.ResolvedParameters is { } resolved && resolved.TryGetPropertyValue(name, out var value))
            {
                line += " = " + NotificationText.Cut(NotificationText.OneLine(NotificationText.Value(value)), maxValueChars);
            }

            lines.Add(line);
        }

        return lines;
    }
}
