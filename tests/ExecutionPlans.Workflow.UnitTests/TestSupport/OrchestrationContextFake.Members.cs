using System.Text;
using System.Text.Json;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>The context members the orchestrator calls, and the episode guard around them.</summary>
internal sealed partial class OrchestrationContextFake
{
    /// <summary>Runs one episode on this thread, with no synchronization context, as the worker does.</summary>
    private void Drive(Action episode)
    {
        ThrowIfViolated();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        var statusCount = statusJson.Count;
        Volatile.Write(ref episodeThreadId, Environment.CurrentManagedThreadId);
        try
        {
            episode();
        }
        finally
        {
            Volatile.Write(ref episodeThreadId, -1);
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (statusJson.Count > statusCount)
        {
            visibleStatusJson.Add(statusJson[^1]);
        }

        ThrowIfViolated();
        if (continuedWith is { } next && run is { IsCompleted: true })
        {
            StartNextExecution(next);
        }
    }

    /// <summary>
    /// As the worker does after <c>ContinueAsNew</c>: a new execution with the new input (through JSON), no history,
    /// no waiters, and the events the last one sent itself delivered to it.
    /// </summary>
    private void StartNextExecution(PlanOrchestrationInput next)
    {
        continuedWith = null;
        var json = converter.Serialize(next)!;
        ContinuationInputs.Add(json);
        waiters.Clear();
        var forwarded = sentToSelf.ToList();
        sentToSelf.Clear();
        Drive(() =>
        {
            Run(converter.Deserialize<PlanOrchestrationInput>(json)!);
            foreach (var (name, payload) in forwarded)
            {
                Deliver(name, payload);
            }
        });
    }

    private void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents)
    {
        Assert.True(preserveUnprocessedEvents, "A plan continued without its unprocessed events would lose decisions.");
        continuedWith = Assert.IsType<PlanOrchestrationInput>(newInput);
    }

    private void SendEvent(string instanceId, string name, object payload)
    {
        Assert.Equal(InstanceId, instanceId);
        sentToSelf.Add((name, converter.Deserialize<JsonElement>(converter.Serialize(payload))));
    }

    private void ThrowIfViolated()
    {
        var found = Violations;
        Assert.True(found.Count == 0, "The orchestrator broke the episode rule: " + string.Join(" | ", found));
        if (run is { IsFaulted: true } faulted)
        {
            Assert.Fail("The orchestrator threw: " + faulted.Exception!.InnerException);
        }
    }

    private T Guarded<T>(string member, Func<T> action)
    {
        Guard(member);
        return action();
    }

    private void Guarded(string member, Action action)
    {
        Guard(member);
        action();
    }

    private void Guard(string member)
    {
        var thread = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref episodeThreadId) == thread)
        {
            return;
        }

        var violation = $"{member} was called on thread {thread} outside an episode: the orchestrator awaited something that is not a durable task.";
        lock (gate)
        {
            violations.Add(violation);
        }

        throw new InvalidOperationException(violation);
    }

    private DateTime ReadClock()
    {
        clockReadings.Add(Now);
        return Now;
    }

    private void RecordStatus(object? status)
    {
        var json = converter.Serialize(status);
        Assert.NotNull(json);

        // Durable Functions fails an orchestration whose custom status is over 16 KB of UTF-16 text.
        var size = Encoding.Unicode.GetByteCount(json);
        Assert.True(size <= MaxCustomStatusUtf16Bytes, $"The custom status is {size} bytes of UTF-16; the host accepts {MaxCustomStatusUtf16Bytes}.");
        statusJson.Add(json);
    }

    private Task<JsonElement> Wait(string name, CancellationToken cancellationToken)
    {
        var waiter = new FakeEventWaiter(name, cancellationToken);
        allWaiters.Add(waiter);
        if (!waiters.TryGetValue(name, out var stack))
        {
            stack = new Stack<FakeEventWaiter>();
            waiters[name] = stack;
        }

        stack.Push(waiter);
        if (bufferedEvents.TryGetValue(name, out var buffered) && buffered.Count > 0)
        {
            Deliver(name, buffered.Dequeue());
        }

        return waiter.Task;
    }

    private void Deliver(string name, JsonElement payload)
    {
        if (waiters.TryGetValue(name, out var stack) && stack.Count > 0)
        {
            var waiter = stack.Pop();
            if (!waiter.Deliver(payload))
            {
                lostEvents.Add((name, payload));
            }

            return;
        }

        if (!bufferedEvents.TryGetValue(name, out var queue))
        {
            queue = new Queue<JsonElement>();
            bufferedEvents[name] = queue;
        }

        queue.Enqueue(payload);
    }

    private Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new FakeTimer(fireAt, Now, cancellationToken);
        timers.Add(timer);
        return timer.Task;
    }

    private object CallActivity(Type resultType, TaskName name, object? input)
    {
        var callType = typeof(FakeActivityCall<>).MakeGenericType(resultType);
        var call = (FakeActivityCall)Activator.CreateInstance(callType, name.Name, converter.Serialize(input), Now, converter)!;
        calls.Add(call);
        if (replies.TryGetValue(name.Name, out var reply))
        {
            Advance(Tick);
            try
            {
                call.Complete(reply(call));
            }
            catch (TaskFailedException exception)
            {
                call.Fail(exception);
            }
        }
        else if (!heldActivities.Contains(name.Name))
        {
            throw new InvalidOperationException($"The test scripted no reply for the activity '{name.Name}'.");
        }

        return callType.GetProperty(nameof(FakeActivityCall<object>.Task))!.GetValue(call)!;
    }
}
