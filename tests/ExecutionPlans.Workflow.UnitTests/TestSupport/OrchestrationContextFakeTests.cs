using System.Text.Json;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>The fake must behave like the worker where the orchestrator depends on it, or tests prove nothing.</summary>
public sealed class OrchestrationContextFakeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void RaiseJson_BeforeAnyWaiter_IsKeptForTheFirstWaiter()
    {
        // Arrange
        var fake = new OrchestrationContextFake();
        fake.RaiseJson("Go", "1");

        // Act
        fake.Start(new ScriptOrchestrator(async context => (await context.WaitForExternalEvent<JsonElement>("go")).GetRawText()), new());

        // Assert
        Assert.Equal("1", fake.Output.Error);
    }

    [Fact]
    public void RaiseJson_TwoWaiters_TheNewestReceivesTheEvent()
    {
        // Arrange
        var fake = new OrchestrationContextFake();
        fake.Start(
            new ScriptOrchestrator(async context =>
            {
                var older = context.WaitForExternalEvent<JsonElement>("Go");
                var newer = context.WaitForExternalEvent<JsonElement>("Go");
                var first = await Task.WhenAny(older, newer);
                return first == newer ? "newer" : "older";
            }),
            new());

        // Act
        fake.RaiseJson("Go", "1");

        // Assert
        Assert.Equal("newer", fake.Output.Error);
    }

    [Fact]
    public void RaiseJson_ToACancelledWaiter_IsLost()
    {
        // Arrange
        var fake = new OrchestrationContextFake();
        fake.Start(
            new ScriptOrchestrator(async context =>
            {
                using var cancellation = new CancellationTokenSource();
                var kept = context.WaitForExternalEvent<JsonElement>("Go");
                var abandoned = context.WaitForExternalEvent<JsonElement>("Go", cancellation.Token);
                cancellation.Cancel();
                return (await kept).GetRawText();
            }),
            new());

        // Act
        fake.RaiseJson("Go", "1");

        // Assert
        Assert.False(fake.IsCompleted);
        Assert.Equal("Go", Assert.Single(fake.LostEvents).Name);
        Assert.True(fake.Waiters[1].WasCancelled);
    }

    [Fact]
    public void Fire_Timer_MovesTheClockToItsDueTime()
    {
        // Arrange
        var fake = new OrchestrationContextFake();
        fake.Start(
            new ScriptOrchestrator(async context =>
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddHours(2), CancellationToken.None);
                return context.CurrentUtcDateTime.ToString("O");
            }),
            new());

        // Act
        fake.Fire(Assert.Single(fake.Timers));

        // Assert
        Assert.Equal(OrchestrationContextFake.StartTime.AddHours(2).ToString("O"), fake.Output.Error);
        Assert.False(fake.Timers[0].WasCancelled);
    }

    [Fact]
    public void CreateTimer_TokenCancelled_RecordsTheCancellation()
    {
        // Arrange
        var fake = new OrchestrationContextFake();

        // Act
        fake.Start(
            new ScriptOrchestrator(async context =>
            {
                using var cancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), cancellation.Token);
                cancellation.Cancel();
                var winner = await Task.WhenAny(timer);
                return winner.IsCanceled ? "cancelled" : "fired";
            }),
            new());

        // Assert
        Assert.Equal("cancelled", fake.Output.Error);
        Assert.True(Assert.Single(fake.Timers).WasCancelled);
    }

    [Fact]
    public async Task RaiseJson_OrchestratorResumedOffTheEpisode_IsAViolation()
    {
        // Arrange: CancelAsync runs the timer's callback, and so the orchestrator's continuation, on the thread pool.
        var fake = new OrchestrationContextFake();
        fake.Start(
            new ScriptOrchestrator(async context =>
            {
                await context.WaitForExternalEvent<JsonElement>("Go");
                using var cancellation = new CancellationTokenSource();
                _ = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), cancellation.Token);
                await cancellation.CancelAsync();
                return context.InstanceId;
            }),
            new());

        // Act
        fake.RaiseJson("Go", null);
        var exception = await Record.ExceptionAsync(() => fake.Completion.WaitAsync(Patience));

        // Assert
        Assert.IsType<InvalidOperationException>(exception);
        Assert.Contains("outside an episode", Assert.Single(fake.Violations), StringComparison.Ordinal);
    }

    /// <summary>An orchestrator whose body the test writes; its result travels in the view's error field.</summary>
    private sealed class ScriptOrchestrator(Func<TaskOrchestrationContext, Task<string>> body) : TaskOrchestrator<PlanOrchestrationInput, PlanView>
    {
        public override async Task<PlanView> RunAsync(TaskOrchestrationContext context, PlanOrchestrationInput input) =>
            new() { Error = await body(context) };
    }
}
