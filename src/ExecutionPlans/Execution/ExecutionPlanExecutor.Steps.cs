using ExecutionPlans.Model;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Execution;

// Running the graph: ready steps start as slots free up, each result is recorded as it comes, the way the durable
// orchestrator runs a plan.
public sealed partial class ExecutionPlanExecutor
{
    private async Task RunStepsAsync(PlanRun run)
    {
        var running = new List<Task<StepOutcome>>();
        while (true)
        {
            var started = run.StartReadySteps(maxParallelSteps - running.Count);
            foreach (var (index, call) in started)
            {
                logger.StepStarted(run.TaskId, call.Id, call.ToolName);
                running.Add(RunStepAsync(run, index, call));
            }

            if (started.Count > 0)
            {
                await SaveAsync(run);
            }

            if (running.Count == 0)
            {
                return;
            }

            // Every result is recorded, also after a failure or a cancel: the steps still running keep theirs.
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            Record(run, await finished);
            await SaveAsync(run);
        }
    }

    private void Record(PlanRun run, StepOutcome outcome)
    {
        if (outcome.Error is null)
        {
            run.SucceedStep(outcome.Index, outcome.Output!);
            logger.StepSucceeded(run.TaskId, outcome.StepId);
        }
        else
        {
            run.FailStep(outcome.Index, outcome.Error);
            logger.StepFailed(run.TaskId, outcome.StepId, outcome.Error);
        }
    }

    /// <summary>Runs one step's tool; never throws: a failure is the outcome's error.</summary>
    private async Task<StepOutcome> RunStepAsync(PlanRun run, int index, ExecutionStep call)
    {
        Task<string>? tool = null;
        try
        {
            // On the thread pool: a tool that works before its first await must not hold back the steps started with it.
            tool = Task.Run(() => catalog.ExecuteAsync(call, run.ToolToken), CancellationToken.None);

            // WaitAsync returns at once on a hard stop, even from a tool that ignores its token.
            return new StepOutcome(index, call.Id, await tool.WaitAsync(run.ToolToken), null);
        }
        catch (OperationCanceledException) when (run.ToolToken.IsCancellationRequested)
        {
            if (tool is { IsCompletedSuccessfully: true })
            {
                return new StepOutcome(index, call.Id, tool.Result, null);
            }

            if (tool is { IsCompleted: false })
            {
                ObserveAbandonedTool(tool, run.TaskId, call.Id);
            }

            return new StepOutcome(index, call.Id, null, StepCancelledMessage);
        }
        catch (Exception exception)
        {
            return new StepOutcome(index, call.Id, null, exception.Message);
        }
    }

    private void ObserveAbandonedTool(Task<string> toolTask, string taskId, string stepId) =>
        _ = toolTask.ContinueWith(
            task => logger.ToolFailedAfterCancel(taskId, stepId, task.Exception!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>What the tool of the step at <paramref name="Index"/> gave: its output, or the error it failed with.</summary>
    private readonly record struct StepOutcome(int Index, string StepId, string? Output, string? Error);
}
