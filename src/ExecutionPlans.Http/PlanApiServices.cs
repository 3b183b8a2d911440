using ExecutionPlans.Tools;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Details;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Http;

/// <summary>What the plan endpoints need besides the request and the Durable Task client.</summary>
/// <param name="catalog">The tool catalog.</param>
/// <param name="workflow">Workflow settings.</param>
/// <param name="approvals">Approval settings.</param>
/// <param name="planner">Whether a model is configured.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="channels">The notification channels; the configured ones are named in each new plan.</param>
/// <param name="execution">How plans run; each new plan carries the settings.</param>
/// <param name="details">Where workers keep plan details, for views of large plans.</param>
public sealed class PlanApiServices(
    ToolCatalog catalog,
    IOptions<WorkflowOptions> workflow,
    IOptions<ApprovalOptions> approvals,
    PlannerAvailability planner,
    TimeProvider timeProvider,
    IEnumerable<INotificationChannel> channels,
    IOptions<ExecutionOptions>? execution = null,
    IPlanDetailStore? details = null)
{
    /// <summary>The tool catalog.</summary>
    public ToolCatalog Catalog { get; } = catalog;

    /// <summary>Workflow settings.</summary>
    public WorkflowOptions Workflow { get; } = workflow.Value;

    /// <summary>Approval settings.</summary>
    public ApprovalOptions Approvals { get; } = approvals.Value;

    /// <summary>How plans run.</summary>
    public ExecutionOptions Execution { get; } = execution?.Value ?? new();

    /// <summary>Whether a model is configured.</summary>
    public PlannerAvailability Planner { get; } = planner;

    /// <summary>The names of the notification channels that are configured.</summary>
    public IReadOnlyList<string> NotificationChannels { get; } = [.. channels.Where(c => c.IsConfigured).Select(c => c.Name)];

    /// <summary>Creates a plan service over a host's Durable Task client.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The service.</returns>
    public PlanService CreatePlanService(DurableTaskClient client) => new(client, timeProvider, Planner.IsConfigured, details);
}
