using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using ExecutionPlans.Storage;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Execution;

/// <summary>
/// Runs approved plans in this process, one step after another, with the tools of a <see cref="ToolCatalog"/>.
/// </summary>
/// <remarks>
/// <para>
/// The executor works on its own copy of a plan; the plan passed in is never changed. While a plan runs,
/// <see cref="GetPlanStatus"/> and <see cref="GetPlan"/> show its live state and <see cref="CancelPlan"/> stops it;
/// all three are safe to call from any thread. Every change to the running plan touches
/// <see cref="ExecutionPlan.UpdatedAt"/>.
/// </para>
/// <para>
/// When an <see cref="IExecutionPlanStore"/> is given, the plan is saved when it starts, when each step
/// starts and ends, and when it ends. Those saves are not cancelled by the caller's token, so the final
/// state is always recorded.
/// </para>
/// <para>
/// The executor remembers the most recent finished runs (1,000) so their status can still be asked for.
/// Register it as a singleton: cancelling and asking for status only reach runs of the same instance.
/// </para>
/// </remarks>
public sealed partial class ExecutionPlanExecutor : IExecutionPlanExecutor
{
    /// <summary>The error of a plan stopped by <see cref="CancelPlan"/> or by the caller's token.</summary>
    public const string PlanCancelledMessage = "The plan was cancelled.";

    /// <summary>The error of the step that was running when its plan was cancelled; the step is marked failed.</summary>
    public const string StepCancelledMessage = "Cancelled while the step was running.";

    private readonly ToolCatalog catalog;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ExecutionPlanExecutor> logger;
    private readonly IExecutionPlanStore? store;

    /// <summary>Creates an executor.</summary>
    /// <param name="catalog">The tools steps may call.</param>
    /// <param name="timeProvider">The clock for <see cref="ExecutionPlan.UpdatedAt"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="store">Where to save progress after every change, or <see langword="null"/> to save nothing.</param>
    public ExecutionPlanExecutor(
        ToolCatalog catalog,
        TimeProvider timeProvider,
        ILogger<ExecutionPlanExecutor> logger,
        IExecutionPlanStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.catalog = catalog;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.store = store;
    }

    /// <summary>Runs an approved plan to its end.</summary>
    /// <param name="plan">
    /// The plan: status <see cref="PlanStatus.Approved"/> and <see cref="ExecutionPlan.UserApproved"/> set.
    /// It is not changed.
    /// </param>
    /// <param name="cancellationToken">
    /// Cancels the plan like <see cref="CancelPlan"/>: the method then returns the cancelled plan rather than
    /// throwing. A token already cancelled when the method is called throws <see cref="OperationCanceledException"/>
    /// and runs nothing.
    /// </param>
    /// <returns>
    /// The plan in its final state: <see cref="PlanStatus.Completed"/> when every step succeeded;
    /// <see cref="PlanStatus.Failed"/> when the plan is not valid for the catalog (every step skipped, the
    /// validation errors in <see cref="ExecutionPlan.Error"/>) or a step failed (the step's error recorded,
    /// later steps skipped, earlier results kept); <see cref="PlanStatus.Cancelled"/> when it was cancelled
    /// (the interrupted step failed with <see cref="StepCancelledMessage"/>, later steps skipped).
    /// </returns>
    /// <exception cref="PlanStateException">
    /// The plan is already running in this executor, is already final, or is not approved by a person. Plans
    /// an <see cref="Agents.ExecutionPlanAgent"/> runs without asking for approval are marked approved by the
    /// agent (with <see cref="ExecutionPlan.UserApproved"/> left unset) and run through the agent.
    /// </exception>
    public Task<ExecutionPlan> ExecutePlanAsync(ExecutionPlan plan, CancellationToken cancellationToken = default) =>
        ExecutePlanAsync(plan, requireUserApproval: true, cancellationToken);

    /// <summary>Cancels a running plan: no further step starts, and the running tool's token is cancelled.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns><see langword="true"/> if the plan was running and is now cancelled; otherwise <see langword="false"/>.</returns>
    /// <remarks>The plan stays cancelled even if the interrupted tool finishes afterwards.</remarks>
    public bool CancelPlan(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return FindRun(taskId)?.TryCancel(PlanCancelledMessage) ?? false;
    }

    /// <summary>The live status of a plan this executor is running or ran recently.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns>The status, or <see langword="null"/> if this executor does not know the plan.</returns>
    public PlanStatus? GetPlanStatus(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return FindRun(taskId)?.Status;
    }

    /// <summary>A copy of a plan this executor is running or ran recently, as it is now.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns>The copy, or <see langword="null"/> if this executor does not know the plan.</returns>
    public ExecutionPlan? GetPlan(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return FindRun(taskId)?.Snapshot();
    }

    /// <summary>Runs a plan; <paramref name="requireUserApproval"/> false also accepts a plan approved without a person.</summary>
    internal async Task<ExecutionPlan> ExecutePlanAsync(ExecutionPlan plan, bool requireUserApproval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(plan.TaskId);
        cancellationToken.ThrowIfCancellationRequested();
        var run = Register(plan, requireUserApproval);
        try
        {
            using var registration = cancellationToken.Register(
                static state => ((PlanRun)state!).TryCancel(PlanCancelledMessage),
                run);
            await RunAsync(run);
        }
        catch (Exception exception)
        {
            logger.PlanAborted(run.TaskId, exception);
            run.TryAbort($"The execution stopped on an unexpected error: {exception.Message}");
            throw;
        }
        finally
        {
            Retire(run);
        }

        return run.Snapshot();
    }

    private async Task RunAsync(PlanRun run)
    {
        var errors = catalog.Validate(run.Snapshot());
        if (errors.Count > 0)
        {
            var error = new PlanValidationException(errors).Message;
            if (run.TryFailBeforeStart(error))
            {
                logger.PlanInvalid(run.TaskId, error);
            }

            await SaveAsync(run);
            return;
        }

        if (run.TryStart())
        {
            logger.PlanStarted(run.TaskId, run.Snapshot().Steps.Count);
            await SaveAsync(run);
        }

        // One step at a time, each after the steps it depends on.
        foreach (var index in PlanGraph.Build(run.Snapshot()).Graph.Order())
        {
            if (run.TryStartStep(index) is not { } step)
            {
                // Cancelled, or the step's references could not be filled in (then the plan failed): record where it stopped.
                await SaveAsync(run);
                break;
            }

            logger.StepStarted(run.TaskId, step.Id, step.ToolName);
            await SaveAsync(run);
            await RunStepAsync(run, index, step);
            await SaveAsync(run);
        }

        if (run.TryComplete())
        {
            logger.PlanCompleted(run.TaskId);
            await SaveAsync(run);
        }
        else if (run.Status == PlanStatus.Cancelled)
        {
            logger.PlanCancelled(run.TaskId);
            await SaveAsync(run);
        }
    }

    private async Task RunStepAsync(PlanRun run, int index, ExecutionStep step)
    {
        Task<string>? toolTask = null;
        try
        {
            toolTask = catalog.ExecuteAsync(step, run.Token);

            // WaitAsync returns at once on cancellation, even from a tool that ignores its token.
            var output = await toolTask.WaitAsync(run.Token);
            if (run.TryCompleteStep(index, output))
            {
                logger.StepSucceeded(run.TaskId, step.Id);
            }
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            // TryCancel recorded the cancellation before signalling the token; a tool still running is left to end on its own.
            if (toolTask is { IsCompleted: false })
            {
                ObserveAbandonedTool(toolTask, run.TaskId, step.Id);
            }
        }
        catch (Exception exception)
        {
            if (run.TryFailStep(index, exception.Message))
            {
                logger.StepFailed(run.TaskId, step.Id, exception.Message);
            }
        }
    }

    private void ObserveAbandonedTool(Task<string> toolTask, string taskId, string stepId) =>
        _ = toolTask.ContinueWith(
            task => logger.ToolFailedAfterCancel(taskId, stepId, task.Exception!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private async Task SaveAsync(PlanRun run)
    {
        if (store is not null)
        {
            await store.SaveAsync(run.Snapshot(), CancellationToken.None);
        }
    }
}
