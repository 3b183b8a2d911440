using System.Text.Json.Nodes;
using ExecutionPlans.Durable.Workflow;
using ExecutionPlans.Model;
using ExecutionPlans.Tools.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

internal static class TestPlans
{
    public const string PlanId = "plan-1";

    public static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A valid plan of one http_request step, as a client writes it.</summary>
    public const string HttpPlanJson = $$"""
        {
          "description": "Check the status page",
          "steps": [
            {
              "id": "s1",
              "toolName": "http_request",
              "description": "Read the status page",
              "parameters": { "url": "https://{{TestServices.AllowedHost}}/status" }
            }
          ]
        }
        """;

    public static ExecutionStep HttpStep(string id = "s1") => new()
    {
        Id = id,
        ToolName = HttpRequestTool.ToolName,
        Description = "Read the status page",
        Parameters = new JsonObject { ["url"] = $"https://{TestServices.AllowedHost}/status" },
    };

    public static PlanView View(PlanStatus status, int version = 1) => new()
    {
        Id = PlanId,
        Status = status,
        Version = version,
        Description = "Check the status page",
        CreatedAt = Created,
        UpdatedAt = Created,
        Steps = [HttpStep()],
        Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Submitted, By = "alice", At = Created }],
        RequireApproval = true,
    };

    /// <summary>Orchestration metadata as the Durable client returns it, with the view as custom status.</summary>
    public static OrchestrationMetadata Metadata(
        PlanView view,
        OrchestrationRuntimeStatus runtimeStatus = OrchestrationRuntimeStatus.Running,
        string name = nameof(PlanOrchestrator)) => new(name, view.Id)
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
