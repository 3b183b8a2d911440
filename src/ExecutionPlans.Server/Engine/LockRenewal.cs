namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Renews one work item's lock every interval until stopped. A failed renewal is reported and the next one tried;
/// if none succeeds, the lock expires and the work item is handed out again, which is what a crash leads to anyway.
/// </summary>
internal sealed class LockRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private LockRenewal(Func<Task> renew, TimeSpan interval, Action<Exception> failed)
    {
        loop = RenewUntilStoppedAsync(renew, interval, failed, stop.Token);
    }

    /// <summary>Starts renewing.</summary>
    /// <param name="renew">Renews the lock once.</param>
    /// <param name="interval">The time between renewals.</param>
    /// <param name="failed">Reports a renewal that failed.</param>
    public static LockRenewal Start(Func<Task> renew, TimeSpan interval, Action<Exception> failed) => new(renew, interval, failed);

    /// <summary>Stops renewing and waits for a renewal in flight, which would otherwise change the lock under the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private static async Task RenewUntilStoppedAsync(Func<Task> renew, TimeSpan interval, Action<Exception> failed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop);
                await renew();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failed(exception);
            }
        }
    }
}
