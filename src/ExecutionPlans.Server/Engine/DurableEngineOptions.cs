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
    /// Azure Storage: how long the messages an orchestration work item is made of (an approval, a step's result, a timer)
    /// stay locked to this worker between renewals (renewed every third of it while the work item is processed). After a
    /// crash they are handed out again once their lock has expired, so an acknowledged decision acts about this long
    /// after the restart; the provider's default is five minutes.
    /// </summary>
    public TimeSpan OrchestrationLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Azure Storage: the partitions (control queues) of a new task hub; each belongs to one server at a time, so at most
    /// this many servers share the orchestrations (all of them share the steps). Fixed when the task hub is created.
    /// </summary>
    [Range(1, 16, ErrorMessage = "DurableTask:PartitionCount must be between 1 and 16.")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Azure Storage: how long a server's claim on a partition lasts unless renewed. A server that dies keeps its partitions
    /// until then (a partition claimed less than one <see cref="LeaseAcquireInterval"/> before, for up to a minute).
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Azure Storage: how often a server renews its partitions, claims free and expired ones and balances them with the
    /// other servers of the task hub.
    /// </summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

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

        if (OrchestrationLockTimeout < TimeSpan.FromSeconds(3) || OrchestrationLockTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("DurableTask:OrchestrationLockTimeout must be between 00:00:03 and 00:10:00.", [nameof(OrchestrationLockTimeout)]);
        }

        if (LeaseInterval < TimeSpan.FromSeconds(5) || LeaseInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("DurableTask:LeaseInterval must be between 00:00:05 and 00:05:00.", [nameof(LeaseInterval)]);
        }

        // Renewals come every acquire interval; two of them per lease leave room for one that is late or fails.
        if (LeaseAcquireInterval < TimeSpan.FromSeconds(1) || LeaseAcquireInterval > LeaseInterval / 2)
        {
            yield return new ValidationResult(
                "DurableTask:LeaseAcquireInterval must be at least 00:00:01 and at most half of DurableTask:LeaseInterval.",
                [nameof(LeaseAcquireInterval), nameof(LeaseInterval)]);
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
