using Azure;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Tells a storage outage (no answer, or an answer that says "try later") from every other failure, and says what
/// happened in words that hold no secret: the storage SDK's own messages can carry request headers and bodies.
/// </summary>
internal static class StorageFailure
{
    /// <summary>Why the storage could not serve the call, or null when <paramref name="exception"/> is not an outage.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var cause in Causes(exception))
        {
            switch (cause)
            {
                case RequestFailedException { Status: 0 } unanswered:
                    // The transport's message names the endpoint (host and port) and what went wrong, nothing more.
                    return unanswered.InnerException?.Message ?? unanswered.Message;
                case RequestFailedException { Status: 408 or 429 or >= 500 } busy:
                    return $"the storage answered {busy.Status}{(string.IsNullOrEmpty(busy.ErrorCode) ? string.Empty : " " + busy.ErrorCode)}";
                case HttpRequestException transport:
                    return transport.Message;
            }
        }

        return null;
    }

    // The SDK reports each failed try (AggregateException) and the engine wraps what it gets: look at every cause.
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
