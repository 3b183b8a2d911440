using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>
/// How often a step is tried when it fails for a reason that may pass (a timeout, HTTP 503): at most
/// <see cref="MaxAttempts"/> times, waiting <see cref="FirstDelay"/> before the second attempt and
/// <see cref="BackoffCoefficient"/> times longer before each next one, never more than <see cref="MaxDelay"/>.
/// Failures that will not pass (HTTP 404, a refused parameter) are never tried again.
/// </summary>
public sealed class StepRetryPolicy
{
    /// <summary>The most attempts, the first included (1 to 20); 1 means no retry.</summary>
    [JsonPropertyName("maxAttempts")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt (default 1 second).</summary>
    [JsonPropertyName("firstDelay")]
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How much longer each next wait is (1 to 10, default 2).</summary>
    [JsonPropertyName("backoffCoefficient")]
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>The longest wait (default 1 minute); a target's <c>Retry-After</c> is honoured up to this.</summary>
    [JsonPropertyName("maxDelay")]
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A policy that never retries.</summary>
    public static StepRetryPolicy None => new() { MaxAttempts = 1 };

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> (2 or more): the backoff, or the target's own
    /// <paramref name="retryAfter"/> when that is longer, at most <see cref="MaxDelay"/>.
    /// </summary>
    /// <param name="attempt">The attempt about to be made.</param>
    /// <param name="retryAfter">How long the target asked to wait, if it did.</param>
    /// <returns>The wait.</returns>
    public TimeSpan DelayBefore(int attempt, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var backoff = FirstDelay.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        var wait = TimeSpan.FromMilliseconds(Math.Min(backoff, MaxDelay.TotalMilliseconds));
        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }

        return wait > MaxDelay ? MaxDelay : wait;
    }

    /// <summary>
    /// How long to wait before trying again after attempt <paramref name="attempt"/> failed, or null when it is not
    /// tried again: the failure will not pass, or no attempt is left.
    /// </summary>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="transient">Whether the failure may pass.</param>
    /// <param name="retryAfter">How long the target asked to wait, if it did.</param>
    /// <returns>The wait, or null.</returns>
    public TimeSpan? WaitAfterFailure(int attempt, bool transient, TimeSpan? retryAfter) =>
        transient && attempt < MaxAttempts ? DelayBefore(attempt + 1, retryAfter) : null;

    /// <summary>What is wrong with the policy, or null when it is valid.</summary>
    /// <returns>The problem, in words.</returns>
    public string? Problem() =>
        MaxAttempts is < 1 or > 20 ? $"maxAttempts must be 1 to 20, not {MaxAttempts}."
        : FirstDelay <= TimeSpan.Zero || FirstDelay > TimeSpan.FromDays(1) ? "firstDelay must be more than 0 and at most a day."
        : BackoffCoefficient is < 1 or > 10 || double.IsNaN(BackoffCoefficient) ? $"backoffCoefficient must be 1 to 10, not {BackoffCoefficient}."
        : MaxDelay < FirstDelay || MaxDelay > TimeSpan.FromDays(1) ? "maxDelay must be at least firstDelay and at most a day."
        : null;

    /// <summary>Creates a copy of the policy.</summary>
    /// <returns>The copy.</returns>
    public StepRetryPolicy Clone() => (StepRetryPolicy)MemberwiseClone();
}
