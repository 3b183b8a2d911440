using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Model;

namespace ExecutionPlans.Tools;

/// <summary>
/// Per-tool settings that override a tool's own defaults, bound from <c>Tools:&lt;tool name&gt;</c>:
/// <c>Tools:http_request:Retry:MaxAttempts</c>, <c>Tools:http_request:Timeout</c> (ISO 8601 or TimeSpan),
/// <c>Tools:http_request:Risk</c> (<c>read</c>, <c>write</c> or <c>destructive</c>).
/// A step's own <c>retry</c> and <c>timeout</c> win over both.
/// </summary>
public sealed class ToolPolicyOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Tools";

    /// <summary>The settings, by tool name (case-insensitive, as configuration keys are).</summary>
    public Dictionary<string, ToolPolicy> Tools { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, policy) in Tools)
        {
            if (policy.Retry?.Problem() is { } problem)
            {
                yield return new ValidationResult($"{SectionName}:{name}:Retry is not valid: {problem}", [nameof(Tools)]);
            }

            if (policy.Timeout is not null && !(Durations.TryParse(policy.Timeout, out var timeout) && timeout <= TimeSpan.FromDays(1)))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{name}:Timeout '{policy.Timeout}' is not a positive ISO 8601 duration (PT30S) or TimeSpan (00:00:30) of at most a day.",
                    [nameof(Tools)]);
            }
        }
    }
}

/// <summary>One tool's settings.</summary>
public sealed class ToolPolicy
{
    /// <summary>How steps of the tool are tried again; absent: the tool's own policy.</summary>
    public StepRetryPolicy? Retry { get; set; }

    /// <summary>How long one attempt may take (ISO 8601 or TimeSpan); absent: the tool's own limit.</summary>
    public string? Timeout { get; set; }

    /// <summary>The risk of every step of the tool (<c>read</c>, <c>write</c>, <c>destructive</c>); absent: the tool's own.</summary>
    public ToolRisk? Risk { get; set; }
}
