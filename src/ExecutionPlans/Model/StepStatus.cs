using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>The status of one <see cref="ExecutionStep"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>The step has not run yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>The step is ready to run and waits at its checkpoint for an approver to confirm, skip or reject it.</summary>
    [JsonStringEnumMemberName("awaiting_approval")]
    AwaitingApproval,

    /// <summary>The step's tool is running.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The step's tool returned a result.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>The step's tool failed; see <see cref="ExecutionStep.Error"/>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The step did not run because an earlier step failed or the plan was cancelled.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
