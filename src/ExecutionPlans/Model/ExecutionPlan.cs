using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>
/// A plan of tool calls for one task: proposed, reviewed, approved and then executed step by step.
/// </summary>
public sealed class ExecutionPlan
{
    /// <summary>The task id, which identifies the plan across all its versions.</summary>
    [JsonPropertyName("id")]
    public string TaskId { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>What the plan achieves.</summary>
    [JsonPropertyName("description")]
    public string Description { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>The steps, run in order.</summary>
    [JsonPropertyName("steps")]
    public List<ExecutionStep> Steps { get; set => field = value ?? []; } = [];

    /// <summary>The plan's status.</summary>
    [JsonPropertyName("status")]
    public PlanStatus Status { get; set; } = PlanStatus.Draft;

    /// <summary>The plan's version, 1 for the first and one more for each modification.</summary>
    [JsonPropertyName("version")]
    public int Version { get; set; } = 1;

    /// <summary>Whether a person approved this version of the plan.</summary>
    [JsonPropertyName("userApproved")]
    public bool UserApproved { get; set; }

    /// <summary>When the first version of the plan was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the plan last changed in any way.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How each version came to be, oldest first.</summary>
    [JsonPropertyName("revisions")]
    public List<PlanRevision> Revisions { get; set => field = value ?? []; } = [];

    /// <summary>Why the plan failed or was cancelled.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>Sets the plan's status and records when it changed.</summary>
    /// <param name="status">The new status.</param>
    /// <param name="at">The current time.</param>
    public void TransitionTo(PlanStatus status, DateTimeOffset at)
    {
        Status = status;
        Touch(at);
    }

    /// <summary>Records that the plan changed at <paramref name="at"/>.</summary>
    /// <param name="at">The current time.</param>
    public void Touch(DateTimeOffset at)
    {
        // Clocks can step back; UpdatedAt never does.
        if (at > UpdatedAt)
        {
            UpdatedAt = at;
        }
    }

    /// <summary>Finds a step by id.</summary>
    /// <param name="stepId">The step's id.</param>
    /// <returns>The step, or <see langword="null"/> if the plan has none with that id.</returns>
    public ExecutionStep? FindStep(string stepId) => Steps.Find(s => s.Id == stepId);

    /// <summary>Creates a deep copy of the plan.</summary>
    /// <returns>A plan that shares no mutable state with this one.</returns>
    public ExecutionPlan Clone() => new()
    {
        TaskId = TaskId,
        Description = Description,
        Steps = Steps.ConvertAll(s => s.Clone()),
        Status = Status,
        Version = Version,
        UserApproved = UserApproved,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Revisions = Revisions.ConvertAll(r => r.Clone()),
        Error = Error,
    };
}
