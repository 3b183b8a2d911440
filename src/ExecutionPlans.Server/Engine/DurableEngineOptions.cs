using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Server.Engine;

/// <summary>The engine settings, bound from the <c>DurableTask</c> configuration section.</summary>
internal sealed class DurableEngineOptions : IValidatableObject
{
    public const string SectionName = "DurableTask";

    /// <summary><c>InMemory</c> (default) or <c>AzureStorage</c>.</summary>
    public DurableEngineKind Engine { get; set; } = DurableEngineKind.InMemory;

    /// <summary>The task hub; the Functions app's host.json names the same one, so a hub is portable.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "DurableTask:TaskHub must be 3 to 45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "ExecutionPlans";

    /// <summary>
    /// This worker's id. Keep it stable across restarts: a restarted worker with the same id takes its
    /// partitions back at once, where a new id would wait out the previous one's lease.
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>How long an idle worker may wait between polls of its queues (Azure Storage).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Azure Storage: how long a running step stays locked to this worker between renewals (renewed every third
    /// of it while the step runs). After a crash, the step runs again once its lock has expired, so keep it short.
    /// </summary>
    public TimeSpan ActivityLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the worker's work-item stream may stay silent before the worker drops and reopens it (zero: never).
    /// The SDK's default of 120 s expects health pings that the in-process sidecar never sends; there is no silent
    /// disconnect to detect on loopback, and a reconnect makes the next approval wait out a backoff of seconds.
    /// </summary>
    public TimeSpan WorkerSilentDisconnectTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>How many steps may run at once in this process.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>How many orchestration work items may run at once in this process.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>How long shutdown waits for running steps before abandoning them to the next start.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxQueuePollingInterval <= TimeSpan.Zero || MaxQueuePollingInterval > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("DurableTask:MaxQueuePollingInterval must be more than zero and at most 00:01:00.", [nameof(MaxQueuePollingInterval)]);
        }

        if (ActivityLockTimeout < TimeSpan.FromSeconds(3) || ActivityLockTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("DurableTask:ActivityLockTimeout must be between 00:00:03 and 00:10:00.", [nameof(ActivityLockTimeout)]);
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            yield return new ValidationResult("DurableTask:WorkerId must not be empty.", [nameof(WorkerId)]);
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("DurableTask:ShutdownTimeout must be between 00:00:00 and 00:01:00.", [nameof(ShutdownTimeout)]);
        }
    }
}
