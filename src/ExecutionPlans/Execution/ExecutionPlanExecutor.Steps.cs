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

    /// <summary>
    /// Runs a step's attempts, as the durable workflow does: after a failure that may pass, waits as the step's policy
    /// says (<see cref="Tools.ToolCatalog.RetryPolicyFor"/>) and tries again; a cancel ends the wait. Never throws.
    /// </summary>
    private async Task<StepOutcome> RunStepAsync(PlanRun run, int index, ExecutionStep call)
    {
        var policy = catalog.RetryPolicyFor(call);
        for (var attempt = 1; ; attempt++)
        {
            var startedAt = timeProvider.GetUtcNow();
            var (outcome, transient, retryAfter) = await RunAttemptAsync(run, index, call, attempt);
            run.RecordAttempt(index, new StepAttempt
            {
                Number = attempt,
                StartedAt = startedAt,
                EndedAt = timeProvider.GetUtcNow(),
                Error = outcome.Error,
                Transient = transient,
            });
            if (outcome.Error is null || policy.WaitAfterFailure(attempt, transient, retryAfter) is not { } wait || run.StopToken.IsCancellationRequested)
            {
                return outcome;
            }

            try
            {
                await Task.Delay(wait, timeProvider, run.StopToken);
            }
            catch (OperationCanceledException) when (run.StopToken.IsCancellationRequested)
            {
                return outcome;
            }
        }
    }

    /// <summary>One attempt, within the step's timeout (<see cref="Tools.ToolCatalog.TimeoutFor"/>); never throws.</summary>
    private async Task<(StepOutcome Outcome, bool Transient, TimeSpan? RetryAfter)> RunAttemptAsync(PlanRun run, int index, ExecutionStep call, int attempt)
    {
        var timeout = catalog.TimeoutFor(call);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(run.ToolToken);
        if (timeout is { } allowed)
        {
            deadline.CancelAfter(allowed);
        }

        try
        {
            return (await RunToolAsync(run, index, call, attempt, deadline.Token), false, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !run.ToolToken.IsCancellationRequested)
        {
            return (new StepOutcome(index, call.Id, null, $"The step timed out after {Durations.Format(timeout!.Value)} (attempt {attempt})."), true, null);
        }
        catch (Tools.ToolExecutionException exception)
        {
            return (new StepOutcome(index, call.Id, null, exception.Message), exception.IsTransient, exception.RetryAfter);
        }
        catch (Exception exception) when (exception is TimeoutException or HttpRequestException)
        {
            return (new StepOutcome(index, call.Id, null, exception.Message), true, null);
        }
    }

    /// <summary>Runs the tool once; throws the tool's failure, and a timeout as <see cref="OperationCanceledException"/>.</summary>
    private async Task<StepOutcome> RunToolAsync(PlanRun run, int index, ExecutionStep call, int attempt, CancellationToken token)
    {
        Task<string>? tool = null;
        try
        {
            // On the thread pool: a tool that works before its first await must not hold back the steps started with it.
            var context = new Tools.ToolCallContext(run.TaskId, call.Id, attempt);
            tool = Task.Run(() => catalog.ExecuteAsync(call, context, token), CancellationToken.None);

            // WaitAsync returns at once on a hard stop or a timeout, even from a tool that ignores its token.
            return new StepOutcome(index, call.Id, await tool.WaitAsync(token), null);
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
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The attempt's time ran out: the caller reports it.
            if (tool is { IsCompleted: false })
            {
                ObserveAbandonedTool(tool, run.TaskId, call.Id);
            }

            throw;
        }
        catch (Exception exception) when (exception is not (Tools.ToolExecutionException or TimeoutException or HttpRequestException))
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
