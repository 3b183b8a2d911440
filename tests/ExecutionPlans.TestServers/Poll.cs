using System.Diagnostics;

namespace ExecutionPlans.TestServers;

/// <summary>
/// Waits for what a server received by reading it again and again. The deadline only turns a hang into a failure
/// that says what was seen; nothing here measures how long anything took.
/// </summary>
public static class Poll
{
    /// <summary>How long a wait lasts unless told otherwise.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="found"/> gives a value, and returns it.</summary>
    /// <param name="found">The value looked for, or null while it is not there yet.</param>
    /// <param name="failure">The message of the <see cref="TimeoutException"/> thrown once the deadline has passed.</param>
    /// <param name="deadline">How long to wait; <see cref="DefaultDeadline"/> if null.</param>
    /// <returns>The value.</returns>
    public static async Task<T> UntilAsync<T>(Func<T?> found, Func<TimeSpan, string> failure, TimeSpan? deadline = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(failure);
        var limit = deadline ?? DefaultDeadline;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (found() is { } value)
            {
                return value;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException(failure(limit));
            }

            await Task.Delay(Interval);
        }
    }
}
