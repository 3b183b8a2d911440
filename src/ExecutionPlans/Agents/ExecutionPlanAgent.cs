using System.Collections.Concurrent;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Storage;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Agents;

/// <summary>
/// The whole cycle in one process: plan a request, keep the plan for a person to approve, change or reject,
/// then run it.
/// </summary>
/// <remarks>
/// <para>
/// Plans are kept in an <see cref="IExecutionPlanStore"/>; every method that changes a plan saves it. Give the
/// executor the same store to have progress saved after every step as well.
/// </para>
/// <para>
/// With <see cref="ExecutionPlanAgentOptions.RequirePlanApproval"/> off, the agent marks a new plan
/// <see cref="PlanStatus.Approved"/> itself, leaving <see cref="ExecutionPlan.UserApproved"/> false so the
/// plan shows no person approved it, and runs it at once.
/// </para>
/// <para>
/// Every status change is a move of the <see cref="PlanStateMachine"/> the executor and the durable orchestrator
/// drive; a move it does not allow (for example a generator's plan that is not a draft) throws
/// <see cref="PlanStateException"/>.
/// </para>
/// <para>
/// Approve, modify and reject of one plan are serialized: while one of them is deciding, another for the
/// same plan fails with <see cref="PlanStateException"/>. Register the agent as a singleton.
/// </para>
/// </remarks>
public sealed class ExecutionPlanAgent
{
    private const string RejectedMessage = "The plan was rejected.";

    private readonly IExecutionPlanGenerator generator;
    private readonly IExecutionPlanExecutor executor;
    private readonly IExecutionPlanStore store;
    private readonly TimeProvider timeProvider;
    private readonly ExecutionPlanAgentOptions options;
    private readonly ConcurrentDictionary<string, byte> deciding = new(StringComparer.Ordinal);

    /// <summary>Creates an agent.</summary>
    /// <param name="generator">Plans requests and changes plans on feedback.</param>
    /// <param name="executor">Runs approved plans.</param>
    /// <param name="store">Keeps plans.</param>
    /// <param name="timeProvider">The clock for <see cref="ExecutionPlan.UpdatedAt"/>.</param>
    /// <param name="options">Whether plans need approval.</param>
    public ExecutionPlanAgent(
        IExecutionPlanGenerator generator,
        IExecutionPlanExecutor executor,
        IExecutionPlanStore store,
        TimeProvider timeProvider,
        IOptions<ExecutionPlanAgentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        this.generator = generator;
        this.executor = executor;
        this.store = store;
        this.timeProvider = timeProvider;
        this.options = options.Value;
    }

    /// <summary>Plans a request; stores the plan for approval, or runs it at once when approval is not required.</summary>
    /// <param name="input">What the user wants done.</param>
    /// <param name="cancellationToken">
    /// Cancels planning; if the plan runs, stops it at once, running tools included (see
    /// <see cref="IExecutionPlanExecutor.ExecutePlanAsync"/>).
    /// </param>
    /// <returns>The plan: <see cref="PlanStatus.PendingApproval"/>, or in its final state if it ran.</returns>
    /// <exception cref="PlanStateException">The generator's plan is not a draft.</exception>
    public async Task<ExecutionPlan> ProcessRequestAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var plan = await generator.GenerateExecutionPlanAsync(input, cancellationToken);
        var machine = new PlanStateMachine(plan);
        if (options.RequirePlanApproval)
        {
            machine.Fire(PlanTrigger.Submitted, timeProvider.GetUtcNow());
            await store.SaveAsync(plan, cancellationToken);
            return plan;
        }

        plan.UserApproved = false;
        machine.Fire(PlanTrigger.AutoApproved, timeProvider.GetUtcNow());
        await store.SaveAsync(plan, cancellationToken);
        return await ExecuteAsync(plan, requireUserApproval: false, cancellationToken);
    }

    /// <summary>Records a person's approval of a plan waiting for it, then runs the plan.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="cancellationToken">
    /// Stops the plan at once while it runs, running tools included (see <see cref="IExecutionPlanExecutor.ExecutePlanAsync"/>);
    /// <see cref="CancelPlan"/> lets running steps finish.
    /// </param>
    /// <returns>The plan in its final state.</returns>
    /// <exception cref="PlanNotFoundException">No plan has the task id.</exception>
    /// <exception cref="PlanStateException">The plan is not waiting for approval.</exception>
    public async Task<ExecutionPlan> ApproveExecutionPlanAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var approved = await DecideAsync(taskId, DecisionKind.Approve, async machine =>
        {
            var plan = machine.Plan;
            plan.UserApproved = true;
            machine.Fire(PlanTrigger.Approved, timeProvider.GetUtcNow());
            await store.SaveAsync(plan, cancellationToken);
            return plan;
        }, cancellationToken);
        return await ExecuteAsync(approved, requireUserApproval: true, cancellationToken);
    }

    /// <summary>Changes a plan waiting for approval as a reviewer asked; the new version waits for approval again.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="feedback">What the reviewer wants changed.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The new version, <see cref="PlanStatus.PendingApproval"/>.</returns>
    /// <exception cref="PlanNotFoundException">No plan has the task id.</exception>
    /// <exception cref="PlanStateException">The plan is not waiting for approval, or the generator's new version is not a draft.</exception>
    /// <exception cref="ExecutionPlanException">The generator returned a plan for another task id.</exception>
    public Task<ExecutionPlan> ModifyExecutionPlanAsync(string taskId, string feedback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedback);
        return DecideAsync(taskId, DecisionKind.Modify, async machine =>
        {
            // The generator sees the version under review as it is, waiting for approval.
            var modified = await generator.ModifyExecutionPlanAsync(machine.Plan, feedback, cancellationToken);
            if (modified.TaskId != taskId)
            {
                throw new ExecutionPlanException(
                    $"The plan generator returned a plan for task '{modified.TaskId}' when asked to modify plan '{taskId}'.");
            }

            var now = timeProvider.GetUtcNow();
            machine.Fire(PlanTrigger.ModificationStarted, now);
            modified.UserApproved = false;
            machine.Replace(modified);
            machine.Fire(PlanTrigger.Revised, now);
            await store.SaveAsync(modified, cancellationToken);
            return modified;
        }, cancellationToken);
    }

    /// <summary>Rejects a plan waiting for approval: it is cancelled and none of its steps runs.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="reason">Why; it becomes the plan's <see cref="ExecutionPlan.Error"/> ("The plan was rejected." when empty).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The cancelled plan; its steps are skipped.</returns>
    /// <exception cref="PlanNotFoundException">No plan has the task id.</exception>
    /// <exception cref="PlanStateException">The plan is not waiting for approval.</exception>
    public Task<ExecutionPlan> RejectExecutionPlanAsync(string taskId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(taskId, DecisionKind.Reject, async machine =>
        {
            var plan = machine.Plan;
            plan.Error = string.IsNullOrWhiteSpace(reason) ? RejectedMessage : reason;
            machine.Fire(PlanTrigger.Rejected, timeProvider.GetUtcNow(), "Not run: the plan was rejected.");
            await store.SaveAsync(plan, cancellationToken);
            return plan;
        }, cancellationToken);

    /// <summary>
    /// Cancels a running plan: no new step starts, running steps finish with their results (the plan is
    /// <see cref="PlanStatus.Cancelling"/> meanwhile), then it is <see cref="PlanStatus.Cancelled"/>; see
    /// <see cref="IExecutionPlanExecutor.CancelPlan"/>. To drop a plan waiting for approval, reject it.
    /// </summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns><see langword="true"/> if the plan was running and is now cancelling or cancelled.</returns>
    public bool CancelPlan(string taskId) => executor.CancelPlan(taskId);

    /// <summary>The live status of a plan the executor is running or ran recently.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <returns>The status, or <see langword="null"/> when the executor does not know the plan (for example one waiting for approval); see <see cref="GetPlanStatusAsync"/>.</returns>
    public PlanStatus? GetPlanStatus(string taskId) => executor.GetPlanStatus(taskId);

    /// <summary>The status of any plan: the executor's live status if it knows the plan, otherwise the stored one.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The status, or <see langword="null"/> if there is no such plan.</returns>
    public async Task<PlanStatus?> GetPlanStatusAsync(string taskId, CancellationToken cancellationToken = default) =>
        executor.GetPlanStatus(taskId) ?? (await store.GetAsync(taskId, cancellationToken))?.Status;

    /// <summary>A copy of a plan: the executor's live copy if it knows the plan, otherwise the stored one.</summary>
    /// <param name="taskId">The plan's task id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan, or <see langword="null"/> if there is no such plan.</returns>
    public async Task<ExecutionPlan?> GetPlanAsync(string taskId, CancellationToken cancellationToken = default) =>
        executor.GetPlan(taskId) ?? await store.GetAsync(taskId, cancellationToken);

    /// <summary>Applies a decision to a stored plan through its state machine, once the machine says the plan takes it.</summary>
    private async Task<ExecutionPlan> DecideAsync(
        string taskId,
        DecisionKind kind,
        Func<PlanStateMachine, Task<ExecutionPlan>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var decision = kind switch
        {
            DecisionKind.Approve => "approved",
            DecisionKind.Modify => "modified",
            DecisionKind.Reject => "rejected",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decision on a plan's approval."),
        };
        if (!deciding.TryAdd(taskId, 0))
        {
            throw new PlanStateException($"Plan '{taskId}' is being changed by another request; it cannot be {decision} now.") { TaskId = taskId };
        }

        try
        {
            var plan = await store.GetAsync(taskId, cancellationToken) ?? throw PlanNotFoundException.ForTask(taskId);
            var machine = new PlanStateMachine(plan);
            if (machine.NotNow(kind) is not null)
            {
                throw new PlanStateException(
                    $"Plan '{taskId}' is {plan.Status.ToWireName()}, not pending_approval; it cannot be {decision}.")
                {
                    TaskId = taskId,
                    Status = plan.Status,
                };
            }

            return await decide(machine);
        }
        finally
        {
            deciding.TryRemove(taskId, out _);
        }
    }

    private async Task<ExecutionPlan> ExecuteAsync(ExecutionPlan plan, bool requireUserApproval, CancellationToken cancellationToken)
    {
        // The default executor also checks who approved; another one gets the plan and decides for itself.
        var result = executor is ExecutionPlanExecutor own
            ? await own.ExecutePlanAsync(plan, requireUserApproval, cancellationToken)
            : await executor.ExecutePlanAsync(plan, cancellationToken);

        // The final state is recorded even when the caller cancelled the run.
        await store.SaveAsync(result, CancellationToken.None);
        return result;
    }
}
