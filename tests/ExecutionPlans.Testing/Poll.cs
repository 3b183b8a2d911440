using System.Diagnostics;

namespace ExecutionPlans.Testing;

/// <summary>
/// Waits for something to be so by reading it again and again: the one poll loop of the tests. The deadline only
/// turns a hang into a failure that says what was seen last; nothing here measures how long anything took.
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
        return (await UntilAsync(() => Task.FromResult(found()), value => value is not null, (_, limit) => failure(limit), deadline))!;
    }

    /// <summary>Reads until <paramref name="done"/> holds for what <paramref name="read"/> gives, and returns that.</summary>
    /// <param name="read">Reads the current state.</param>
    /// <param name="done">Whether the state is the one waited for.</param>
    /// <param name="failure">The message of the <see cref="TimeoutException"/>, from the last state read and the deadline.</param>
    /// <param name="deadline">How long to wait; <see cref="DefaultDeadline"/> if null.</param>
    /// <returns>The state that satisfied <paramref name="done"/>.</returns>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, TimeSpan, string> failure, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(failure);
        var limit = deadline ?? DefaultDeadline;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException(failure(value, limit));
            }

            await Task.Delay(Interval);
        }
    }
}
