using ExecutionPlans.Model;

namespace ExecutionPlans.Graph;

/// <summary>
/// What each step of a plan runs after, for people: the effective dependencies of the plan graph, so a step without
/// <see cref="ExecutionStep.DependsOn"/> names the step before it and the steps it references. Every channel uses
/// these words.
/// </summary>
public static class StepDependencies
{
    /// <summary>The words for a step that waits for no other step.</summary>
    public const string None = "none (may start at once)";

    /// <summary>What each step runs after, in plan order: step ids joined by commas, or <see cref="None"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>One text per step.</returns>
    public static List<string> Describe(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var graph = PlanGraph.Build(plan).Graph;
        return [.. plan.Steps.Select((_, index) => Describe(plan, graph, index))];
    }

    /// <summary>Whether step <paramref name="index"/> runs after something else than the step before it, as a plain list would.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="index">The step's position.</param>
    /// <returns>True when a reader needs to be told.</returns>
    public static bool IsNotSequential(ExecutionPlan plan, int index)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Steps[index].DependsOn is not null)
        {
            return true;
        }

        var dependencies = PlanGraph.Build(plan).Graph.DependenciesOf(index);
        return index == 0 ? dependencies.Count > 0 : dependencies.Count != 1 || dependencies[0] != index - 1;
    }

    private static string Describe(ExecutionPlan plan, PlanGraph graph, int index)
    {
        var dependencies = graph.DependenciesOf(index);
        return dependencies.Count == 0 ? None : string.Join(", ", dependencies.Order().Select(dependency => plan.Steps[dependency].Id));
    }
}
