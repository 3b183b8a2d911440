using System.Text.Json;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>One call of <c>WaitForExternalEvent</c>.</summary>
internal sealed class FakeEventWaiter
{
    private readonly TaskCompletionSource<JsonElement> completion = new();

    public FakeEventWaiter(string name, CancellationToken cancellationToken)
    {
        Name = name;
        cancellationToken.Register(() =>
        {
            WasCancelled = true;
            completion.TrySetCanceled(cancellationToken);
        });
    }

    public string Name { get; }

    public bool WasCancelled { get; private set; }

    public Task<JsonElement> Task => completion.Task;

    /// <summary>Hands the waiter an event; false when the waiter was cancelled and the event is lost.</summary>
    internal bool Deliver(JsonElement payload) => completion.TrySetResult(payload);
}
