using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// The steps of a plan too large for its custom status, in short: one letter per step for its status, and the
/// errors of the steps that failed. The plan service puts the steps back from the saved version and step results
/// (<see cref="Details.IPlanDetailStore"/>), so clients see whole steps.
/// </summary>
public sealed class PlanOutline
{
    /// <summary>Each step's status, in plan order: <c>p</c>ending, <c>r</c>unning, <c>s</c>ucceeded, <c>f</c>ailed, s<c>k</c>ipped.</summary>
    [JsonPropertyName("progress")]
    public string Progress { get; set; } = string.Empty;

    /// <summary>The errors of failed steps, by step position (from 0), shortened.</summary>
    [JsonPropertyName("errors")]
    public Dictionary<int, string> Errors { get; set; } = [];

    /// <summary>Why the skipped steps were skipped.</summary>
    [JsonPropertyName("skipReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipReason { get; set; }

    /// <summary>The letter of a step status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its letter.</returns>
    public static char CodeOf(StepStatus status) => status switch
    {
        StepStatus.Pending => 'p',
        StepStatus.AwaitingApproval => 'a',
        StepStatus.Running => 'r',
        StepStatus.Succeeded => 's',
        StepStatus.Failed => 'f',
        StepStatus.Skipped => 'k',
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A step status without a letter."),
    };

    /// <summary>The step status of a letter.</summary>
    /// <param name="code">The letter.</param>
    /// <returns>Its status; pending for a letter this version does not know.</returns>
    public static StepStatus StatusOf(char code) => code switch
    {
        'a' => StepStatus.AwaitingApproval,
        'r' => StepStatus.Running,
        's' => StepStatus.Succeeded,
        'f' => StepStatus.Failed,
        'k' => StepStatus.Skipped,
        _ => StepStatus.Pending,
    };
}
