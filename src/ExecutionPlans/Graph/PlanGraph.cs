using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Graph;

/// <summary>
/// The dependencies between a plan's steps. A step's dependencies are its <see cref="ExecutionStep.DependsOn"/>; when
/// that is absent, the step before it plus every step its parameters reference. Pure: built from the plan alone.
/// </summary>
public sealed class PlanGraph
{
    private readonly List<int>[] dependencies;
    private readonly List<int>[] dependents;
    private readonly Dictionary<string, int> indexes;
    private readonly HashSet<int>?[] ancestors;

    private PlanGraph(List<int>[] dependencies, Dictionary<string, int> indexes)
    {
        this.dependencies = dependencies;
        this.indexes = indexes;
        ancestors = new HashSet<int>?[dependencies.Length];
        dependents = new List<int>[dependencies.Length];
        for (var index = 0; index < dependencies.Length; index++)
        {
            dependents[index] = [];
        }

        for (var index = 0; index < dependencies.Length; index++)
        {
            foreach (var dependency in dependencies[index])
            {
                dependents[dependency].Add(index);
            }
        }
    }

    /// <summary>How many steps the plan has.</summary>
    public int Count => dependencies.Length;

    /// <summary>Builds the graph of a plan and lists what is wrong with it.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The graph (its unknown dependencies left out) and every dependency error, each naming its step.</returns>
    public static (PlanGraph Graph, List<PlanValidationError> Errors) Build(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = plan.Steps;
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < steps.Count; index++)
        {
            indexes.TryAdd(steps[index].Id ?? string.Empty, index);
        }

        var errors = new List<PlanValidationError>();
        var dependencies = new List<int>[steps.Count];
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            var named = step.DependsOn ?? Implied(steps, index);
            var resolved = new List<int>();
            foreach (var id in named.Distinct(StringComparer.Ordinal))
            {
                if (id == step.Id)
                {
                    errors.Add(new(PlanValidationCodes.SelfDependency, $"Step '{step.Id}' depends on itself.", step.Id));
                }
                else if (!indexes.TryGetValue(id ?? string.Empty, out var dependency))
                {
                    errors.Add(new(PlanValidationCodes.UnknownDependency, $"Step '{step.Id}' depends on '{id}', which is not a step of this plan.", step.Id));
                }
                else
                {
                    resolved.Add(dependency);
                }
            }

            dependencies[index] = resolved;
        }

        var graph = new PlanGraph(dependencies, indexes);
        if (graph.FindCycle() is { } cycle)
        {
            var path = string.Join(" → ", cycle.Select(i => steps[i].Id));
            errors.Add(new(PlanValidationCodes.DependencyCycle, $"Steps depend on each other in a circle: {path}.", steps[cycle[0]].Id));
        }

        return (graph, errors);
    }

    /// <summary>The indexes of the steps step <paramref name="index"/> runs after.</summary>
    public IReadOnlyList<int> DependenciesOf(int index) => dependencies[index];

    /// <summary>The indexes of the steps that run after step <paramref name="index"/>, in plan order.</summary>
    public IReadOnlyList<int> DependentsOf(int index) => dependents[index];

    /// <summary>An order to run the steps one at a time: each after its dependencies, otherwise in plan order.</summary>
    /// <returns>The step indexes; shorter than <see cref="Count"/> when steps depend on each other in a circle.</returns>
    public List<int> Order()
    {
        // Kahn's algorithm, always taking the earliest ready step: linear in steps and dependencies (times log).
        var order = new List<int>(Count);
        var waiting = new int[Count];
        var ready = new PriorityQueue<int, int>();
        for (var index = 0; index < Count; index++)
        {
            waiting[index] = dependencies[index].Count;
            if (waiting[index] == 0)
            {
                ready.Enqueue(index, index);
            }
        }

        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent);
                }
            }
        }

        return order;
    }

    /// <summary>The index of a step by id, or -1.</summary>
    public int IndexOf(string stepId) => indexes.TryGetValue(stepId, out var index) ? index : -1;

    /// <summary>Whether <paramref name="ancestor"/> runs, directly or not, before <paramref name="index"/>.</summary>
    public bool DependsOnTransitively(int index, int ancestor) => AncestorsOf(index).Contains(ancestor);

    private HashSet<int> AncestorsOf(int index)
    {
        if (ancestors[index] is { } known)
        {
            return known;
        }

        // Iterative, so a long chain of steps cannot overflow the stack; a cycle is a validation error elsewhere.
        var found = new HashSet<int>();
        var pending = new Stack<int>(dependencies[index]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (found.Add(next))
            {
                foreach (var dependency in dependencies[next])
                {
                    pending.Push(dependency);
                }
            }
        }

        ancestors[index] = found;
        return found;
    }

    private static IEnumerable<string> Implied(List<ExecutionStep> steps, int index)
    {
        var previous = index > 0 ? [steps[index - 1].Id] : Array.Empty<string>();
        var referenced = StepReferences.Find(steps[index].Parameters ?? []).References.Select(r => r.Reference.StepId);
        return previous.Concat(referenced);
    }

    private List<int>? FindCycle()
    {
        // 0 = not seen, 1 = on the current path, 2 = done.
        var state = new int[dependencies.Length];
        var parent = new int[dependencies.Length];
        for (var start = 0; start < dependencies.Length; start++)
        {
            if (state[start] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < dependencies[node].Count)
                {
                    stack.Push((node, next + 1));
                    var child = dependencies[node][next];
                    if (state[child] == 1)
                    {
                        var cycle = new List<int> { child };
                        for (var at = node; at != child; at = parent[at])
                        {
                            cycle.Add(at);
                        }

                        cycle.Add(child);
                        cycle.Reverse();
                        return cycle;
                    }

                    if (state[child] == 0)
                    {
                        state[child] = 1;
                        parent[child] = node;
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }

        return null;
    }
}
