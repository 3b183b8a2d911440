using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>
/// One call of <c>CallActivityAsync</c>. Input and result travel as JSON through the SDK's data converter,
/// as they do between a real orchestrator and its activities, so no object is shared between the two.
/// </summary>
internal abstract class FakeActivityCall(string name, string? inputJson, DateTime calledAt, DataConverter converter)
{
    public string Name { get; } = name;

    /// <summary>The input as the activity would receive it, serialized.</summary>
    public string? InputJson { get; } = inputJson;

    /// <summary>The orchestration time of the call.</summary>
    public DateTime CalledAt { get; } = calledAt;

    protected DataConverter Converter { get; } = converter;

    public abstract bool IsCompleted { get; }

    /// <summary>The input, read as the activity would read it.</summary>
    public T Input<T>() => Converter.Deserialize<T>(InputJson)!;

    internal abstract void Complete(object? result);

    internal abstract void Fail(TaskFailedException exception);
}

/// <summary>A <see cref="FakeActivityCall"/> whose result the orchestrator reads as <typeparamref name="T"/>.</summary>
internal sealed class FakeActivityCall<T>(string name, string? inputJson, DateTime calledAt, DataConverter converter)
    : FakeActivityCall(name, inputJson, calledAt, converter)
{
    private readonly TaskCompletionSource<T> completion = new();

    public Task<T> Task => completion.Task;

    public override bool IsCompleted => completion.Task.IsCompleted;

    internal override void Complete(object? result) =>
        completion.SetResult(Converter.Deserialize<T>(Converter.Serialize(result))!);

    internal override void Fail(TaskFailedException exception) => completion.SetException(exception);
}
