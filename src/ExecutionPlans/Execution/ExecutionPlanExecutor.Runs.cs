using ExecutionPlans.Model;

namespace ExecutionPlans.Execution;

// The executor's record of runs: which plan is running, and the most recent finished runs.
public sealed partial class ExecutionPlanExecutor
{
    private readonly Lock runsGate = new();
    private readonly Dictionary<string, PlanRun> runs = new(StringComparer.Ordinal);
    private readonly Queue<PlanRun> finishedRuns = new();

    /// <summary>How many finished runs the executor remembers for <see cref="GetPlanStatus"/>.</summary>
    internal int FinishedRunsKept { get; init; } = 1000;

    private PlanRun Register(ExecutionPlan plan, bool requireUserApproval)
    {
        lock (runsGate)
        {
            if (runs.TryGetValue(plan.TaskId, out var current) && current.IsRunning)
            {
                throw new PlanStateException($"Plan '{plan.TaskId}' is already running.") { TaskId = plan.TaskId, Status = current.Status };
            }

            EnsureRunnable(plan, requireUserApproval);
            var run = new PlanRun(plan.Clone(), timeProvider);
            runs[plan.TaskId] = run;
            return run;
        }
    }

    private static void EnsureRunnable(ExecutionPlan plan, bool requireUserApproval)
    {
        string? problem = null;
        if (plan.Status.IsFinal())
        {
            problem = $"Plan '{plan.TaskId}' is already {plan.Status.ToWireName()}; a finished plan cannot run again.";
        }
        else if (plan.Status != PlanStatus.Approved)
        {
            problem = $"Plan '{plan.TaskId}' is {plan.Status.ToWireName()}; only an approved plan can run.";
        }
        else if (requireUserApproval && !plan.UserApproved)
        {
            problem = $"Plan '{plan.TaskId}' is not approved by a person (UserApproved is false); only a plan a person approved can run.";
        }
        else if (plan.Steps.Find(s => s.Status != StepStatus.Pending) is { } started)
        {
            problem = $"Step '{started.Id}' of plan '{plan.TaskId}' is {started.Status.ToString().ToLowerInvariant()}; a plan runs from the start, every step pending.";
        }

        if (problem is not null)
        {
            throw new PlanStateException(problem) { TaskId = plan.TaskId, Status = plan.Status };
        }
    }

    private PlanRun? FindRun(string taskId)
    {
        lock (runsGate)
        {
            return runs.GetValueOrDefault(taskId);
        }
    }

    private void Retire(PlanRun run)
    {
        run.Finish();
        lock (runsGate)
        {
            finishedRuns.Enqueue(run);
            while (finishedRuns.Count > FinishedRunsKept)
            {
                var oldest = finishedRuns.Dequeue();
                if (runs.TryGetValue(oldest.TaskId, out var current) && ReferenceEquals(current, oldest))
                {
                    runs.Remove(oldest.TaskId);
                }
            }
        }
    }
}
