using System.Text.Json;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>
/// Drives an orchestrator through a mocked <see cref="TaskOrchestrationContext"/> the way the Durable worker
/// does: each test action (start, event, activity result, timer) is one episode that runs the orchestrator
/// on the test's thread until it waits again. Time only moves when the test moves it: by <see cref="Tick"/>
/// per episode, or to a timer's due time when the timer fires. Activities answer from scripted replies, or
/// stay pending until the test completes them. Events follow the SDK: the newest waiter of a name receives
/// the event, an event nobody waits for is kept for the next waiter, and a cancelled waiter that receives
/// one loses it. Any context call made outside an episode or from another thread is a determinism
/// violation: it is recorded and refused.
/// </summary>
internal sealed partial class OrchestrationContextFake
{
    public const string DefaultInstanceId = "plan-0001";

    /// <summary>The largest custom status Durable Functions accepts: 16 KB of UTF-16 JSON text.</summary>
    public const int MaxCustomStatusUtf16Bytes = 16 * 1024;

    /// <summary>The orchestration time at start: far from today, so a system-clock reading stands out.</summary>
    public static readonly DateTime StartTime = new(2031, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly DataConverter converter = JsonDataConverter.Default;
    private readonly InlineTaskScheduler scheduler = new();
    private readonly Dictionary<string, Func<FakeActivityCall, object?>> replies = new(StringComparer.Ordinal);
    private readonly HashSet<string> heldActivities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Stack<FakeEventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<JsonElement>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeEventWaiter> allWaiters = [];
    private readonly List<(string Name, JsonElement Payload)> lostEvents = [];
    private readonly List<FakeActivityCall> calls = [];
    private readonly List<FakeTimer> timers = [];
    private readonly List<string> statusJson = [];
    private readonly List<string> visibleStatusJson = [];
    private readonly HashSet<DateTime> clockReadings = [];
    private readonly List<string> violations = [];
    private readonly object gate = new();
    private Task<PlanView>? run;
    private TaskOrchestrator<PlanOrchestrationInput, PlanView>? orchestrator;
    private PlanOrchestrationInput? continuedWith;
    private readonly List<(string Name, JsonElement Payload)> sentToSelf = [];
    private int episodeThreadId = -1;

    public OrchestrationContextFake(string instanceId = DefaultInstanceId)
    {
        InstanceId = instanceId;
        Mock = new Mock<TaskOrchestrationContext>(MockBehavior.Strict) { CallBase = true };
        Mock.SetupGet(c => c.InstanceId).Returns(() => Guarded(nameof(TaskOrchestrationContext.InstanceId), () => InstanceId));
        Mock.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Guarded(nameof(TaskOrchestrationContext.CurrentUtcDateTime), ReadClock));
        Mock.SetupGet(c => c.IsReplaying).Returns(false);
        Mock.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        Mock.Setup(c => c.CreateReplaySafeLogger<It.IsAnyType>())
            .Returns(() => Guarded<ILogger>(nameof(TaskOrchestrationContext.CreateReplaySafeLogger), () => NullLogger.Instance));
        Mock.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>()))
            .Returns(() => Guarded<ILogger>(nameof(TaskOrchestrationContext.CreateReplaySafeLogger), () => NullLogger.Instance));
        Mock.Setup(c => c.CreateReplaySafeLogger(It.IsAny<Type>()))
            .Returns(() => Guarded<ILogger>(nameof(TaskOrchestrationContext.CreateReplaySafeLogger), () => NullLogger.Instance));
        Mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>()))
            .Callback((object? status) => Guarded(nameof(TaskOrchestrationContext.SetCustomStatus), () => RecordStatus(status)));
        Mock.Setup(c => c.WaitForExternalEvent<JsonElement>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken token) => Guarded(nameof(TaskOrchestrationContext.WaitForExternalEvent), () => Wait(name, token)));
        Mock.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) => Guarded(nameof(TaskOrchestrationContext.CreateTimer), () => CreateTimer(fireAt, token)));
        Mock.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback((object? newInput, bool preserve) => Guarded(nameof(TaskOrchestrationContext.ContinueAsNew), () => ContinueAsNew(newInput, preserve)));
        Mock.Setup(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()))
            .Callback((string instanceId, string name, object payload) => Guarded(nameof(TaskOrchestrationContext.SendEvent), () => SendEvent(instanceId, name, payload)));
        Mock.Setup(c => c.CallActivityAsync<It.IsAnyType>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(new InvocationFunc(invocation => Guarded(
                nameof(TaskOrchestrationContext.CallActivityAsync),
                () => CallActivity(invocation.Method.GetGenericArguments()[0], (TaskName)invocation.Arguments[0], invocation.Arguments[1]))));
    }

    public Mock<TaskOrchestrationContext> Mock { get; }

    public TaskOrchestrationContext Context => Mock.Object;

    public string InstanceId { get; }

    /// <summary>The orchestration time now.</summary>
    public DateTime Now { get; private set; } = StartTime;

    /// <summary>How far the clock moves at each episode and each activity reply.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every value the orchestrator read from <c>CurrentUtcDateTime</c>.</summary>
    public IReadOnlyCollection<DateTime> ClockReadings => clockReadings;

    public IReadOnlyList<FakeActivityCall> Calls => calls;

    public IReadOnlyList<FakeTimer> Timers => timers;

    public IReadOnlyList<FakeEventWaiter> Waiters => allWaiters;

    /// <summary>Events handed to a cancelled waiter, which the real SDK loses too.</summary>
    public IReadOnlyList<(string Name, JsonElement Payload)> LostEvents => lostEvents;

    /// <summary>Every custom status set, as the JSON the SDK would store.</summary>
    public IReadOnlyList<string> StatusJson => statusJson;

    /// <summary>Every custom status set, read back from its JSON.</summary>
    public IReadOnlyList<PlanView> Statuses => [.. statusJson.Select(json => converter.Deserialize<PlanView>(json)!)];

    public PlanView LastStatus => converter.Deserialize<PlanView>(statusJson[^1])!;

    /// <summary>
    /// The custom status as stored at the end of each episode that set one: all a client can ever see,
    /// since the worker keeps only the last status an episode sets.
    /// </summary>
    public IReadOnlyList<PlanView> VisibleStatuses => [.. visibleStatusJson.Select(json => converter.Deserialize<PlanView>(json)!)];

    /// <summary>The status sequence without repeats: the transitions clients could observe.</summary>
    public IReadOnlyList<Model.PlanStatus> StatusTransitions
    {
        get
        {
            var statuses = Statuses.Select(s => s.Status).ToList();
            return [.. statuses.Where((status, i) => i == 0 || statuses[i - 1] != status)];
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate)
            {
                return [.. violations];
            }
        }
    }

    public bool IsCompleted => run?.IsCompleted == true;

    /// <summary>How many executions ran: one, plus one per <c>ContinueAsNew</c>.</summary>
    public int Executions { get; private set; }

    /// <summary>The inputs the orchestration continued with, as JSON.</summary>
    public List<string> ContinuationInputs { get; } = [];

    /// <summary>The orchestration's task, for tests that watch it fail.</summary>
    public Task<PlanView> Completion => run ?? throw new InvalidOperationException("The orchestration has not started.");

    /// <summary>The orchestration's output; fails the test if the orchestration has not completed.</summary>
    public PlanView Output
    {
        get
        {
            ThrowIfViolated();
            Assert.NotNull(run);
            if (!run.IsCompleted)
            {
                Assert.Fail($"The orchestration has not completed; its last status is {(statusJson.Count == 0 ? "unset" : LastStatus.Status)}.");
            }

            return run.GetAwaiter().GetResult();
        }
    }

    public static TaskFailedException ActivityFailure(string activityName, string message) =>
        new(activityName, 1, new TaskFailureDetails("System.InvalidOperationException", message, null, null, null));

    /// <summary>Answers every call of an activity at once, in the episode that calls it.</summary>
    /// <param name="name">The activity's name.</param>
    /// <param name="reply">Returns the result, or throws a <see cref="TaskFailedException"/>.</param>
    public void Reply(string name, Func<FakeActivityCall, object?> reply)
    {
        heldActivities.Remove(name);
        replies[name] = reply;
    }

    /// <summary>Leaves every call of an activity pending until the test completes it.</summary>
    public void Hold(string name)
    {
        replies.Remove(name);
        heldActivities.Add(name);
    }

    public IReadOnlyList<FakeActivityCall> CallsOf(string name) => [.. calls.Where(c => c.Name == name)];

    /// <summary>Starts the orchestrator; it runs until it first waits.</summary>
    public void Start(TaskOrchestrator<PlanOrchestrationInput, PlanView> orchestrator, PlanOrchestrationInput input)
    {
        Assert.Null(run);
        this.orchestrator = orchestrator;
        Drive(() => Run(input));
    }

    private void Run(PlanOrchestrationInput input)
    {
        Executions++;
        run = Task.Factory.StartNew(
            () => orchestrator!.RunAsync(Context, input),
            CancellationToken.None,
            TaskCreationOptions.None,
            scheduler).Unwrap();
    }

    /// <summary>Raises an event with a payload serialized as a client would (a string becomes a JSON string).</summary>
    public void Raise(string name, object? payload) =>
        RaiseJson(name, converter.Serialize(payload));

    /// <summary>Raises an event whose payload is this JSON text; null for an event without payload.</summary>
    public void RaiseJson(string name, string? json) =>
        Drive(() =>
        {
            Advance(Tick);
            Deliver(name, json is null ? default : converter.Deserialize<JsonElement>(json));
        });

    public void Complete(FakeActivityCall call, object? result) =>
        Drive(() =>
        {
            Advance(Tick);
            call.Complete(result);
        });

    /// <summary>An activity result and an event in one episode, the event handled after the result.</summary>
    public void CompleteThenRaise(FakeActivityCall call, object? result, string name, object? payload) =>
        Drive(() =>
        {
            Advance(Tick);
            call.Complete(result);
            Deliver(name, converter.Deserialize<JsonElement>(converter.Serialize(payload)!));
        });

    public void Fail(FakeActivityCall call, string message) =>
        Drive(() =>
        {
            Advance(Tick);
            call.Fail(ActivityFailure(call.Name, message));
        });

    /// <summary>Fires a timer: the clock moves to its due time.</summary>
    public void Fire(FakeTimer timer) =>
        Drive(() =>
        {
            if (timer.FireAt > Now)
            {
                Now = timer.FireAt;
            }

            timer.Fire();
        });

    public void Advance(TimeSpan by) => Now += by;
}
