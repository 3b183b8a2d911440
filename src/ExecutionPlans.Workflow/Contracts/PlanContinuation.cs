using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// Where a running plan goes on from when its workflow continues as a new execution: every so many steps the workflow
/// starts over with its state as input, so its history, and what each replay of it costs, stays small however long
/// the plan is.
/// </summary>
public sealed class PlanContinuation
{
    /// <summary>The plan as it is: executing, its finished steps with their results.</summary>
    [JsonPropertyName("plan")]
    public ExecutionPlan Plan { get; set; } = new();

    /// <summary>Every decision that reached the plan so far.</summary>
    [JsonPropertyName("decisions")]
    public List<PlanDecision> Decisions { get; set; } = [];

    /// <summary>The notifications sent so far.</summary>
    [JsonPropertyName("notifications")]
    public List<PlanNotificationRecord> Notifications { get; set; } = [];

    /// <summary>The version before the current one, when the plan was modified.</summary>
    [JsonPropertyName("previousVersion")]
    public PlanVersionSnapshot? PreviousVersion { get; set; }

    /// <summary>How many modifications the plan has had.</summary>
    [JsonPropertyName("modifications")]
    public int Modifications { get; set; }

    /// <summary>The plan's approvers now, escalation's included; null: the input's.</summary>
    [JsonPropertyName("approvers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Approvers { get; set; }

    /// <summary>The hash of the version that runs.</summary>
    [JsonPropertyName("planHash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; set; }

    /// <summary>The plan's risk.</summary>
    [JsonPropertyName("risk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ToolRisk? Risk { get; set; }

    /// <summary>How many executions came before this one.</summary>
    [JsonPropertyName("generation")]
    public int Generation { get; set; }
}
