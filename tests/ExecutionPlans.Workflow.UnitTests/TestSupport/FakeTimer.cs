namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>A durable timer the orchestrator created; the test fires it, the orchestrator may cancel it.</summary>
internal sealed class FakeTimer
{
    private readonly TaskCompletionSource completion = new();

    public FakeTimer(DateTime fireAt, DateTime createdAt, CancellationToken cancellationToken)
    {
        FireAt = fireAt;
        CreatedAt = createdAt;
        cancellationToken.Register(() =>
        {
            WasCancelled = true;
            completion.TrySetCanceled(cancellationToken);
        });
    }

    /// <summary>When the orchestrator asked the timer to fire.</summary>
    public DateTime FireAt { get; }

    /// <summary>The orchestration time when the timer was created.</summary>
    public DateTime CreatedAt { get; }

    /// <summary>Whether the orchestrator cancelled the timer's token.</summary>
    public bool WasCancelled { get; private set; }

    public bool HasFired { get; private set; }

    public Task Task => completion.Task;

    internal void Fire()
    {
        HasFired = completion.TrySetResult();
    }
}
