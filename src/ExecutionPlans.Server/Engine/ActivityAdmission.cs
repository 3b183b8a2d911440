namespace ExecutionPlans.Server.Engine;

/// <summary>What to do with an activity message, from what the stored history says about its task.</summary>
internal enum ActivityVerdict
{
    /// <summary>Run the activity: the episode that scheduled it is stored and the task has no result yet.</summary>
    Run,

    /// <summary>Look again shortly: the episode that scheduled it may still be being stored.</summary>
    Wait,

    /// <summary>Hand the message back for later: another copy of the task is the one that counts and it has not finished.</summary>
    Defer,

    /// <summary>Drop the message without running the activity: nothing waits for its result.</summary>
    Discard,
}

/// <summary>
/// The rule for activity messages on Azure Storage. The provider sends an episode's activity messages before it stores
/// the episode, so a crash in between leaves messages for tasks that were never scheduled as far as the history goes;
/// when the episode runs again (its messages are handed out again), it schedules the same task ids anew, each with a
/// new <c>TaskScheduled</c> event. A message is run only for the task the stored history holds, identified by the
/// time its <c>TaskScheduled</c> event was made; any other copy is dropped once nothing can wait for its result.
/// </summary>
internal static class ActivityAdmission
{
    /// <summary>How far apart two times may be and still be the same event's (storage may keep them to the millisecond).</summary>
    public static readonly TimeSpan SameEventTolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>How long after it was scheduled a message is dropped when its execution was never stored (purged, or never started).</summary>
    public static readonly TimeSpan NeverStoredAfter = TimeSpan.FromMinutes(10);

    /// <summary>Decides what to do with an activity message.</summary>
    /// <param name="stored">What the stored history says about the message's task.</param>
    /// <param name="scheduledAt">When the message's own <c>TaskScheduled</c> event was made.</param>
    /// <param name="age">How long ago that was.</param>
    public static ActivityVerdict Decide(StoredTask stored, DateTime scheduledAt, TimeSpan age)
    {
        ArgumentNullException.ThrowIfNull(stored);
        bool? sameEvent = stored.ScheduledAt is { } at ? (at - scheduledAt).Duration() <= SameEventTolerance : null;
        return (sameEvent, stored.Finished) switch
        {
            (true, false) => ActivityVerdict.Run,

            // The task's result is stored already: the message outlived its completion (a crash after the result was sent).
            (true, true) => ActivityVerdict.Discard,

            // Another copy of the task is the one the history holds; once it has finished, nothing waits for this one.
            (false, true) => ActivityVerdict.Discard,
            (false, false) => ActivityVerdict.Defer,

            // Not scheduled as far as the history goes.
            _ when stored.ExecutionEnded => ActivityVerdict.Discard,
            _ when !stored.ExecutionStored && age >= NeverStoredAfter => ActivityVerdict.Discard,
            _ => ActivityVerdict.Wait,
        };
    }
}
