using System.ComponentModel;
using System.Text.Json;
using ExecutionPlans.Http.Plans;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace ExecutionPlans.Http.Mcp;

/// <summary>
/// The approval gate as MCP tools: an agent proposes its risky actions as a plan, a person approves, changes or
/// rejects it on the usual channels, and the agent waits for the outcome. The caller is the API's: the same
/// authentication, the same approver rules (an agent that proposed a plan cannot approve it unless self-approval is on).
/// </summary>
[McpServerToolType]
public sealed class PlanGateTools(IServiceProvider provider, PlanApiServices services, ApprovalLinkSigner signer, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>
    /// Where a host whose Durable Task client is a binding, not a service (the Functions app), puts the request's client:
    /// <c>HttpContext.Items[ClientKey]</c>.
    /// </summary>
    public static readonly object ClientKey = typeof(PlanGateTools);

    /// <summary>The longest <c>wait_for_plan</c> waits in one call.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Proposes a plan for human approval; nothing runs until a person approves it.</summary>
    /// <param name="request">What to do, in words, for the model to plan (when the app has a model).</param>
    /// <param name="plan">Or the plan itself: <c>{"description", "steps": [{"id", "toolName", "description", "parameters", "dependsOn"?}]}</c>.</param>
    /// <param name="approvers">Who may approve it, if not the app's default approvers.</param>
    /// <param name="approvalTimeout">How long it waits for a decision (ISO 8601, <c>PT2H</c>), if not the app's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan's id, status, risk and approvals, and where to follow it.</returns>
    [McpServerTool(Name = "propose_plan", Destructive = false, UseStructuredContent = true)]
    [Description("Proposes actions as a plan of tool calls that a person must approve before anything runs. Give either 'request' (what to do, in words) or 'plan' (description and steps, each with id, toolName, description and parameters; see the app's tools). Answers the plan's id and review link; then call wait_for_plan.")]
    public async Task<ProposedPlan> ProposePlanAsync(
        [Description("What to do, in words, for the app's model to plan.")] string? request = null,
        [Description("The plan as written: {\"description\": \"...\", \"steps\": [{\"id\": \"s1\", \"toolName\": \"...\", \"description\": \"...\", \"parameters\": {...}}]}.")] JsonElement? plan = null,
        [Description("Who may approve it; the app's default approvers when not given.")] string[]? approvers = null,
        [Description("How long it waits for a decision, ISO 8601 (PT2H); the app's default when not given.")] string? approvalTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var body = new CreatePlanRequest
        {
            Input = request,
            Plan = plan is { ValueKind: JsonValueKind.Object } given ? ReadPlan(given) : null,
            Approvers = approvers is null ? null : [.. approvers],
            ApprovalTimeout = approvalTimeout,
            RequireApproval = true,
        };
        if (plan is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            throw new McpException("'plan' must be an object with a description and steps.");
        }

        var (input, errors) = CreatePlanValidation.Validate(body, services);
        if (errors.Count > 0)
        {
            throw new McpException($"The plan request is not valid: {Describe(errors)}");
        }

        if (input.Input is not null && !services.Planner.IsConfigured)
        {
            throw new McpException(PlannerAvailability.NotConfiguredMessage);
        }

        var httpContext = http.HttpContext ?? throw new InvalidOperationException("The approval gate is served over HTTP only.");
        input.RequestedBy = PlansApi.Caller(httpContext.Request, services);
        if (CreatePlanValidation.QuorumErrors(input, services.Catalog) is { Count: > 0 } quorum)
        {
            throw new McpException($"The plan's approvers cannot approve it under its policy: {Describe(quorum)}");
        }

        var view = await services.CreatePlanService(Client).StartAsync(input, cancellationToken);
        return new ProposedPlan(
            view.Id,
            view.Status.ToWireName(),
            view.Version,
            view.Risk?.ToWireName(),
            view.Approvers,
            Absolute(httpContext, PlanRoutes.PlanPath(view.Id)),
            ReviewUrl(httpContext, view, input.RequestedBy));
    }

    /// <summary>Reads a plan: its status, version, steps with their status and outputs, decisions and approvals.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan's view, as <c>GET /api/plans/{id}</c> answers it.</returns>
    [McpServerTool(Name = "get_plan", ReadOnly = true, UseStructuredContent = true)]
    [Description("Reads a proposed plan: its status (draft, pending_approval, executing, completed, failed, cancelled), version, steps with their status, output and error, and the decisions made on it.")]
    public async Task<PlanView> GetPlanAsync([Description("The plan's id, as propose_plan answered it.")] string planId, CancellationToken cancellationToken = default) =>
        await services.CreatePlanService(Client).GetAsync(planId, cancellationToken) ?? throw new McpException($"There is no plan with the id '{planId}'.");

    /// <summary>Waits until the plan has ended (completed, failed or cancelled), or until the wait is up.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="timeoutSeconds">How long to wait, at most <see cref="MaxWait"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it ended, how, and each step's outcome.</returns>
    [McpServerTool(Name = "wait_for_plan", ReadOnly = true, UseStructuredContent = true)]
    [Description("Waits until a proposed plan has ended (completed, failed or cancelled: approved and run, or rejected), up to timeoutSeconds (at most 300), and answers its outcome with each step's status, output and error. Call it again while 'ended' is false.")]
    public async Task<PlanOutcome> WaitForPlanAsync(
        [Description("The plan's id, as propose_plan answered it.")] string planId,
        [Description("How long to wait, in seconds (1 to 300; 60 when not given).")] int timeoutSeconds = 60,
        CancellationToken cancellationToken = default)
    {
        if (timeoutSeconds is < 1 or > 300)
        {
            throw new McpException($"timeoutSeconds must be between 1 and {MaxWait.TotalSeconds:0}; it is {timeoutSeconds}.");
        }

        var service = services.CreatePlanService(Client);
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(timeoutSeconds);
        while (true)
        {
            var view = await service.GetAsync(planId, cancellationToken) ?? throw new McpException($"There is no plan with the id '{planId}'.");
            if (view.Status.IsFinal() || time.GetUtcNow() >= deadline)
            {
                return PlanOutcome.Of(view);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private DurableTaskClient Client =>
        http.HttpContext?.Items[ClientKey] as DurableTaskClient ?? provider.GetService(typeof(DurableTaskClient)) as DurableTaskClient
        ?? throw new InvalidOperationException("The approval gate needs a Durable Task client: register one, or put the request's in HttpContext.Items[PlanGateTools.ClientKey].");

    private static ExecutionPlan ReadPlan(JsonElement plan)
    {
        try
        {
            return plan.Deserialize<ExecutionPlan>(ExecutionPlanJson.Options) ?? throw new McpException("'plan' is empty.");
        }
        catch (JsonException exception)
        {
            throw new McpException($"'plan' is not a plan: {exception.Message}", exception);
        }
    }

    private static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private string Absolute(HttpContext context, string path)
    {
        var root = services.Approvals.PublicBaseUrl ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
        return PlanRoutes.Absolute(root, path).ToString();
    }

    // The link is the caller's own: it lets them decide only what the API would let them decide.
    private string? ReviewUrl(HttpContext context, PlanView view, string? caller)
    {
        if (!signer.IsConfigured)
        {
            return null;
        }

        var expiresAt = view.ApprovalExpiresAt ?? time.GetUtcNow() + services.Approvals.DefaultTimeout;
        var token = signer.Sign(view.Id, view.Version, caller ?? "anonymous", expiresAt);
        return Absolute(context, PlanRoutes.ReviewPath(view.Id)) + "?token=" + Uri.EscapeDataString(token);
    }
}
