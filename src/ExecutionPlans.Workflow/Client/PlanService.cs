using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Details;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Workflow.Client;

/// <summary>
/// Starts, reads and steers plan workflows through a <see cref="DurableTaskClient"/>. Commands are checked
/// against the plan's current view first, so callers get a clear "not found" or "conflict"; the workflow
/// checks them again, because the plan can change between the check and the event's arrival.
/// </summary>
public sealed partial class PlanService
{
    private readonly DurableTaskClient client;
    private readonly TimeProvider timeProvider;
    private readonly bool plannerConfigured;
    private readonly IPlanDetailStore? details;

    /// <summary>Creates the service.</summary>
    /// <param name="client">The Durable Task client of the host.</param>
    /// <param name="timeProvider">The clock, for views of plans not yet started.</param>
    /// <param name="plannerConfigured">Whether a model is configured; feedback for the model needs one.</param>
    /// <param name="details">
    /// Where the workers keep plan details; views of plans too large for their custom status are filled in from it.
    /// Without it such views stay shortened (marked <see cref="PlanView.Truncated"/>).
    /// </param>
    public PlanService(DurableTaskClient client, TimeProvider timeProvider, bool plannerConfigured = true, IPlanDetailStore? details = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.client = client;
        this.timeProvider = timeProvider;
        this.plannerConfigured = plannerConfigured;
        this.details = details;
    }

    /// <summary>Starts a plan workflow.</summary>
    /// <param name="input">The workflow's input, already validated.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new plan's first view.</returns>
    public async Task<PlanView> StartAsync(PlanOrchestrationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = Guid.NewGuid().ToString("N");
        using var span = PlanTelemetry.StartPlanActivity("plan.create", id, ActivityKind.Producer);
        span?.SetTag("executionplans.plan.given", input.Plan is not null).SetTag("executionplans.plan.steps", input.Plan?.Steps.Count);
        input.SubmittedAt ??= timeProvider.GetUtcNow();
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(PlanOrchestrator), input, new StartOrchestrationOptions(id), cancellationToken);
        PlanTelemetry.PlanStarted();
        return InitialView(id, input, input.SubmittedAt.Value, input.SubmittedAt.Value);
    }

    /// <summary>Reads a plan.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan's view, or null when there is no such plan.</returns>
    public async Task<PlanView?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        return metadata is null || metadata.Name != nameof(PlanOrchestrator) ? null : await CompleteAsync(ToView(metadata), metadata, cancellationToken);
    }

    /// <summary>Lists plans, newest first within what the store returns, a page at a time.</summary>
    /// <param name="status">Only plans with this status, when given.</param>
    /// <param name="top">The page size (1 to 100).</param>
    /// <param name="continuationToken">The token of the previous page (<see cref="PlanPage.ContinuationToken"/>), if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The continuation token was not issued by a page of this list.</exception>
    public async Task<PlanPage> ListAsync(PlanStatus? status, int top, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 100);
        if (continuationToken is not null)
        {
            continuationToken = PlanPageToken.TryUnwrap(continuationToken, out var engineToken)
                ? engineToken
                : throw new ArgumentException("The continuation token was not issued by this list; pass back the continuationToken of a page as it came.", nameof(continuationToken));
        }

        var query = new OrchestrationQuery
        {
            PageSize = top,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = true,
            Statuses = status is { } wanted ? RuntimeStatusesOf(wanted) : null,
        };

        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, top).WithCancellation(cancellationToken))
        {
            var items = new List<PlanView>();
            foreach (var metadata in page.Values.Where(metadata => metadata.Name == nameof(PlanOrchestrator)))
            {
                var view = ToView(metadata);
                if (status is null || view.Status == status)
                {
                    items.Add(await CompleteAsync(view, metadata, cancellationToken));
                }
            }

            // A short page is the last, whatever the engine says (the in-memory one always gives a token).
            var last = page.Values.Count < top || string.IsNullOrEmpty(page.ContinuationToken);
            return new PlanPage(items, last ? null : PlanPageToken.Wrap(page.ContinuationToken!));
        }

        return new PlanPage([], null);
    }

    private static OrchestrationRuntimeStatus[] RuntimeStatusesOf(PlanStatus status) =>
        status.IsFinal()
            ? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]
            : [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];
}
