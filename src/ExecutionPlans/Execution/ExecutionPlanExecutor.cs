using ExecutionPlans.Model;
using ExecutionPlans.Storage;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Execution;

/// <summary>
/// Runs approved plans in this process with the tools of a <see cref="ToolCatalog"/>: each step once the steps it
/// depends on succeeded, ready steps side by side, at most <see cref="ExecutionOptions.MaxParallelSteps"/> at once.
/// </summary>
/// <remarks>
/// <para>
/// A plan's statuses move through the same <see cref="PlanStateMachine"/> the durable orchestrator drives, so a plan
/// has one lifecycle wherever it runs. A failing step starts nothing new: steps already running finish and keep their
/// results, the rest are skipped, and the plan fails. A cancel (<see cref="CancelPlan"/>) starts nothing new either:
/// while steps run the plan is <see cref="PlanStatus.Cancelling"/>, they finish with their results, then it is
/// <see cref="PlanStatus.Cancelled"/>.
/// </para>
/// <para>
/// The executor works on its own copy of a plan; the plan passed in is never changed. While a plan runs,
/// <see cref="GetPlanStatus"/> and <see cref="GetPlan"/> show its live state and <see cref="CancelPlan"/> stops it;
/// all three are safe to call from any thread. Every change to the running plan touches
/// <see cref="ExecutionPlan.UpdatedAt"/>.
/// </para>
/// <para>
/// When an <see cref="IExecutionPlanStore"/> is given, the plan is saved when it starts, when steps start and end,
/// and when it ends. Those saves are not cancelled by the caller's token, so the final state is always recorded.
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

    /// <summary>
    /// The error of a step whose tool the caller's token stopped (or that had not ended when it was stopped); the step
    /// is marked failed. <see cref="CancelPlan"/> lets running steps finish instead.
    /// </summary>
    public const string StepCancelledMessage = "Cancelled while the step was running.";

    private readonly ToolCatalog catalog;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ExecutionPlanExecutor> logger;
    private readonly IExecutionPlanStore? store;
    private readonly int maxParallelSteps;

    /// <summary>Creates an executor that runs at most <see cref="ExecutionOptions.DefaultMaxParallelSteps"/> steps of a plan at once.</summary>
    /// <param name="catalog">The tools steps may call.</param>
    /// <param name="timeProvider">The clock for <see cref="ExecutionPlan.UpdatedAt"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="store">Where to save progress after every change, or <see langword="null"/> to save nothing.</param>
    public ExecutionPlanExecutor(
        ToolCatalog catalog,
        TimeProvider timeProvider,
        ILogger<ExecutionPlanExecutor> logger,
        IExecutionPlanStore? store = null)
        : this(catalog, timeProvider, logger, store, Options.Create(new ExecutionOptions()))
    {
    }

    /// <summary>Creates an executor.</summary>
    /// <param name="catalog">The tools steps may call.</param>
    /// <param name="timeProvider">The clock for <see cref="ExecutionPlan.UpdatedAt"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="store">Where to save progress after every change, or <see langword="null"/> to save nothing.</param>
    /// <param name="options">How many steps of a plan may run at once.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ExecutionOptions.MaxParallelSteps"/> is less than 1.</exception>
    public ExecutionPlanExecutor(
        ToolCatalog catalog,
        TimeProvider timeProvider,
        ILogger<ExecutionPlanExecutor> logger,
        IExecutionPlanStore? store,
        IOptions<ExecutionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.MaxParallelSteps, 1, "options.Value.MaxParallelSteps");
        this.catalog = catalog;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.store = store;
        maxParallelSteps = options.Value.MaxParallelSteps;
    }

    /// <summary>Runs an approved plan to its end.</summary>
    /// <param name="plan">
    /// The plan: status <see cref="PlanStatus.Approved"/>, <see cref="ExecutionPlan.UserApproved"/> set, every step
    /// pending. It is not changed.
    /// </param>
    /// <param name="cancellationToken">
    /// The hard stop: cancels the plan like <see cref="CancelPlan"/> and also cancels the running tools' token. A step
    /// whose tool then ends cancelled, or has not ended, fails with <see cref="StepCancelledMessage"/> (a tool that
    /// ignores its token is left to end on its own); the method returns the cancelled plan rather than throwing. A
    /// token already cancelled when the method is called throws <see cref="OperationCanceledException"/> and runs
    /// nothing.
    /// </param>
    /// <returns>
    /// The plan in its final state: <see cref="PlanStatus.Completed"/> when every step succeeded;
    /// <see cref="PlanStatus.Failed"/> when the plan is not valid for the catalog (every step skipped, the
    /// validation errors in <see cref="ExecutionPlan.Error"/>) or a step failed (its error recorded, the steps that
    /// were running finished with their results, the others skipped); <see cref="PlanStatus.Cancelled"/> when it was
    /// cancelled (the steps that were running finished with their results, succeeded or failed as their tools said,
    /// or failed with <see cref="StepCancelledMessage"/> after a hard stop; the others skipped).
    /// </returns>
    /// <exception cref="PlanStateException">
    /// The plan is already running in this executor, is already final, is not approved by a person, or has a step
    /// that is not pending. Plans an <see cref="Agents.ExecutionPlanAgent"/> runs without asking for approval are
    /// marked approved by the agent (with <see cref="ExecutionPlan.UserApproved"/> left unset) and run through the agent.
    /// </exception>
    public Task<ExecutionPlan> ExecutePlanAsync(ExecutionPlan plan, CancellationToken cancellationToken = default) =>
        ExecutePlanAsync(plan, requireUserApproval: true, cancellationToken);

    /// <summary>
    /// Cancels a running plan: no further step starts. Steps already running finish and keep their results, the plan
    /// showing <see cref="PlanStatus.Cancelling"/> meanwhile; then it is <see cref="PlanStatus.Cancelled"/>. With no
    /// step running it is cancelled at once.
    /// </summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns>
    /// <see langword="true"/> if the plan was running and is now cancelling or cancelled; <see langword="false"/> if
    /// it was not running, had ended, or was already being cancelled.
    /// </returns>
    /// <remarks>
    /// The running tools' token is not cancelled, so a tool that never ends keeps the plan cancelling; the token given
    /// to <see cref="ExecutePlanAsync(ExecutionPlan, CancellationToken)"/> stops them too.
    /// </remarks>
    public bool CancelPlan(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        if (FindRun(taskId) is not { } run || run.TryCancel() is not { } status)
        {
            return false;
        }

        if (status == PlanStatus.Cancelling)
        {
            logger.PlanCancelling(taskId);
        }

        return true;
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
            using var registration = cancellationToken.Register(static state => ((PlanRun)state!).HardStop(), run);
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
            if (run.TryFailInvalid(error))
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
            await RunStepsAsync(run);
        }

        var status = run.End();
        if (status == PlanStatus.Completed)
        {
            logger.PlanCompleted(run.TaskId);
        }
        else if (status == PlanStatus.Cancelled)
        {
            logger.PlanCancelled(run.TaskId);
        }

        await SaveAsync(run);
    }

    private async Task SaveAsync(PlanRun run)
    {
        if (store is not null)
        {
            await store.SaveAsync(run.Snapshot(), CancellationToken.None);
        }
    }
}
