using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace ExecutionPlans.Testing;

/// <summary>
/// The plans every test project builds from: steps, plans, workflow inputs, plan views and, for the HTTP API, the
/// JSON a client sends. One place, so a change of the model is made once.
/// </summary>
public static class TestPlans
{
    /// <summary>A plan id of the shape the service makes (32 hex digits).</summary>
    public const string PlanId = "0f8fad5bd9cb469fa16570867728950e";

    /// <summary>The tool the generic steps call.</summary>
    public const string Tool = "echo";

    /// <summary>Who submits the workflow inputs below.</summary>
    public const string Requester = "alice";

    /// <summary>The approver of the plan views below.</summary>
    public const string Approver = "alice@example.com";

    /// <summary>The host the <c>http_request</c> steps below call.</summary>
    public const string StatusHost = "allowed.example";

    /// <summary>When the plans below were made.</summary>
    public static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A bound on waits for work on other threads, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A short value no other test uses, to tell one test's tool calls from another's.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>
    /// A step: "Run {id}", input "input of {id}", with the given parameters; by default an <see cref="Tool"/> step
    /// echoes its id (<c>{"text": id}</c>) and a step of another tool has none.
    /// </summary>
    public static ExecutionStep Step(string id, string toolName = Tool, JsonObject? parameters = null, string? description = null) => new()
    {
        Id = id,
        ToolName = toolName,
        Description = description ?? $"Run {id}",
        Input = $"input of {id}",
        Parameters = parameters ?? (toolName == Tool ? new JsonObject { ["text"] = id } : []),
    };

    /// <summary>An <c>http_request</c> step; by default it reads <c>https://allowed.example/status</c>.</summary>
    public static ExecutionStep HttpStep(string id = "s1", string description = "Read the status page", JsonObject? parameters = null) =>
        Step(id, "http_request", parameters ?? new JsonObject { ["url"] = $"https://{StatusHost}/status" }, description);

    /// <summary>A plan of the given steps.</summary>
    public static ExecutionPlan Plan(string description, params ExecutionStep[] steps) =>
        new() { Description = description, Steps = [.. steps] };

    /// <summary>"Restart the web app": one echo step per id, each echoing its id.</summary>
    public static ExecutionPlan PlanOf(params string[] stepIds) =>
        Plan("Restart the web app", [.. stepIds.Select(id => Step(id))]);

    /// <summary>An approved plan with <see cref="PlanId"/>, ready for the in-process executor.</summary>
    public static ExecutionPlan Approved(params ExecutionStep[] steps) => new()
    {
        TaskId = PlanId,
        Description = "Test plan",
        Status = PlanStatus.Approved,
        UserApproved = true,
        CreatedAt = Created,
        UpdatedAt = Created,
        Steps = [.. steps],
    };

    /// <summary>
    /// The workflow's input for a given plan, submitted by <see cref="Requester"/>. A failure is final at once
    /// (no recovery window) unless a test sets <see cref="PlanOrchestrationInput.RecoveryWindow"/>.
    /// </summary>
    public static PlanOrchestrationInput Given(ExecutionPlan plan, bool requireApproval = true, TimeSpan? approvalTimeout = null, params string[] approvers) => new()
    {
        Plan = plan,
        RequireApproval = requireApproval,
        ApprovalTimeout = approvalTimeout ?? TimeSpan.FromHours(1),
        RequestedBy = Requester,
        Approvers = [.. approvers],
        RecoveryWindow = TimeSpan.Zero,
    };

    /// <summary>The workflow's input for a request in words, submitted by <see cref="Requester"/>.</summary>
    public static PlanOrchestrationInput Request(string text, bool requireApproval = true) => new()
    {
        Input = text,
        RequireApproval = requireApproval,
        ApprovalTimeout = TimeSpan.FromHours(1),
        RequestedBy = Requester,
        RecoveryWindow = TimeSpan.Zero,
    };

    /// <summary>A valid plan of one <see cref="HttpStep"/>, as a client writes it.</summary>
    public static string HttpPlanJson { get; } = new JsonObject
    {
        ["description"] = "Check the status page",
        ["steps"] = new JsonArray(new JsonObject
        {
            ["id"] = "s1",
            ["toolName"] = "http_request",
            ["description"] = "Read the status page",
            ["parameters"] = new JsonObject { ["url"] = $"https://{StatusHost}/status" },
        }),
    }.ToJsonString();

    /// <summary>A step of the test host's <c>echo</c> tool (<see cref="TestTools"/>).</summary>
    public static ExecutionStep Echo(string id, string message) => ToolStep(id, TestTools.Echo, new JsonObject { ["message"] = message });

    /// <summary>A step of the test host's <c>fail</c> tool: it fails when <paramref name="fail"/> is true.</summary>
    public static ExecutionStep Fail(string id, bool fail) => ToolStep(id, TestTools.Fail, new JsonObject { ["fail"] = fail });

    /// <summary>A step of the test host's <c>block</c> tool: it runs until the test releases <paramref name="key"/>.</summary>
    public static ExecutionStep Block(string id, string key) => ToolStep(id, TestTools.Block, new JsonObject { ["key"] = key });

    /// <summary>A step of the test host's <c>big_output</c> tool.</summary>
    public static ExecutionStep BigOutput(string id) => ToolStep(id, TestTools.BigOutput, []);

    /// <summary>A plan, as JSON, whose steps each send GET to a URL.</summary>
    public static JsonObject HttpPlan(string description, params (string Id, string Url)[] steps) => new()
    {
        ["description"] = description,
        ["steps"] = new JsonArray([.. steps.Select(step => (JsonNode)new JsonObject
        {
            ["id"] = step.Id,
            ["toolName"] = "http_request",
            ["description"] = $"Call {step.Url}",
            ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = step.Url },
        })]),
    };

    /// <summary>The body of <c>POST /api/plans</c> for a given plan.</summary>
    public static string CreateRequest(JsonObject plan, bool requireApproval = true, string? approvalTimeout = null)
    {
        var request = new JsonObject { ["plan"] = plan.DeepClone(), ["requireApproval"] = requireApproval };
        if (approvalTimeout is not null)
        {
            request["approvalTimeout"] = approvalTimeout;
        }

        return request.ToJsonString();
    }

    /// <summary>The view of a one-step plan (<see cref="HttpStep"/>) with the given status.</summary>
    public static PlanView View(PlanStatus status, int version = 1) => new()
    {
        Id = PlanId,
        Status = status,
        Version = version,
        Description = "Check the status page",
        CreatedAt = Created,
        UpdatedAt = Created,
        Steps = [HttpStep()],
        Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = Requester, At = Created }],
        RequireApproval = true,
    };

    /// <summary>The view of a two-step plan awaiting approval, requested by bob and open for three days.</summary>
    public static PlanView Pending(int version = 1) => new()
    {
        Id = PlanId,
        Status = PlanStatus.PendingApproval,
        Version = version,
        Description = "Restart the API",
        CreatedAt = Created,
        UpdatedAt = Created,
        RequireApproval = true,
        ApprovalExpiresAt = Created.AddDays(3),
        RequestedBy = "bob@example.com",
        Steps =
        [
            HttpStep("s1", "Drain the API", new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/drain" }),
            HttpStep("s2", "Restart the pods", new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/restart" }),
        ],
        Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = "bob@example.com", At = Created }],
    };

    /// <summary>A decision by <see cref="Approver"/>, five minutes after the plan was made.</summary>
    public static PlanDecision Decision(DecisionKind kind, string decisionId, int version = 1, DecisionOutcome outcome = DecisionOutcome.Applied, string? comment = null) => new()
    {
        Kind = kind,
        Outcome = outcome,
        Version = version,
        PlanVersion = version,
        DecisionId = decisionId,
        By = Approver,
        Comment = comment,
        At = Created.AddMinutes(5),
    };

    /// <summary>Orchestration metadata as a Durable client returns it, with the view as custom status.</summary>
    public static OrchestrationMetadata Metadata(
        PlanView view,
        OrchestrationRuntimeStatus runtimeStatus = OrchestrationRuntimeStatus.Running,
        string name = nameof(PlanOrchestrator))
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(name, view.Id)
        {
            RuntimeStatus = runtimeStatus,
            CreatedAt = view.CreatedAt,
            LastUpdatedAt = view.UpdatedAt,
            SerializedInput = JsonDataConverter.Default.Serialize(new PlanOrchestrationInput { Plan = view.ToPlan() }),
            SerializedCustomStatus = JsonDataConverter.Default.Serialize(view),
            SerializedOutput = runtimeStatus == OrchestrationRuntimeStatus.Completed ? JsonDataConverter.Default.Serialize(view) : null,
            DataConverter = JsonDataConverter.Default,
        };
    }

    private static ExecutionStep ToolStep(string id, string tool, JsonObject parameters) =>
        new() { Id = id, ToolName = tool, Description = $"Call {tool}.", Input = parameters.ToJsonString(), Parameters = parameters };
}
