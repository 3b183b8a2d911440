using System.Diagnostics;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Xunit.Abstractions;

namespace ExecutionPlans.Server.IntegrationTests.Engine;

/// <summary>
/// The Azure Storage engine across process deaths: each test starts a server, kills or stops it, and starts a new
/// process on the same task hub and worker id, which must carry the plan on.
/// </summary>
[Trait("Category", "Restart")]
public sealed class DurableEngineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Restart_AfterKillWhileAwaitingApproval_ApprovalCompletesThePlan()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Survives a kill while waiting", ("s1", steps.Url(scope + "/s1")));
        string id;
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            id = (await first.Api.CreateAsync(TestPlans.CreateRequest(plan))).Id;
            await first.Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);
            await first.KillAsync();
        }

        // Act
        await using var second = await ServerProcess.StartAsync(settings);
        var survived = await second.Api.GetViewAsync(id);
        await second.Api.DecideAcceptedAsync(id, "approve", """{"version": 1}""");
        var done = await second.Api.WaitForStatusAsync(id, PlanStatus.Completed);

        // Assert
        Assert.Equal(PlanStatus.PendingApproval, survived.Status);
        Assert.Equal(["s1:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Single(steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Restart_AfterKillDuringAWait_TheTimerFiresInTheNewProcessAndTheNextStepRuns()
    {
        // Arrange: the wait's timer is durable; the process that started it dies before it fires.
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        var plan = new JsonObject
        {
            ["description"] = "Wait across a kill, then check",
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "w", ["toolName"] = "wait", ["description"] = "Wait", ["parameters"] = new JsonObject { ["duration"] = "PT3S" } },
                new JsonObject { ["id"] = "check", ["toolName"] = "http_request", ["description"] = "Check", ["parameters"] = new JsonObject { ["url"] = steps.Url(scope + "/check") } }),
        };
        string id;
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            id = (await first.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false))).Id;
            await first.Api.WaitUntilAsync(id, view => view.Steps[0].Status == StepStatus.Running, "waiting");
            await first.KillAsync();
        }

        // Act
        await using var second = await ServerProcess.StartAsync(settings);
        var done = await second.Api.WaitForStatusAsync(id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["w:succeeded", "check:succeeded"], PlanAssert.Steps(done));
        Assert.Equal("waited 3 seconds", done.Steps[0].Output);
        Assert.Single(steps.CallsTo(scope + "/check"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Restart_AfterKillDuringStep_FinishesThePlanWithoutRunningEarlierStepsAgain()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        steps.Delay(scope + "/s2", TimeSpan.FromSeconds(4));
        var plan = TestPlans.HttpPlan(
            "Survives a kill mid-step",
            ("s1", steps.Url(scope + "/s1")),
            ("s2", steps.Url(scope + "/s2")),
            ("s3", steps.Url(scope + "/s3")));
        string id;
        PlanView beforeKill;
        var killedAt = Stopwatch.StartNew();
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            id = (await first.Api.CreateAsync(TestPlans.CreateRequest(plan))).Id;
            await first.Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);
            await first.Api.DecideAcceptedAsync(id, "approve");
            await steps.WaitForCallAsync(scope + "/s2");
            beforeKill = await first.Api.WaitUntilAsync(id, view => view.Steps[1].Status == StepStatus.Running, "running s2");

            // Act
            await first.KillAsync();
            killedAt.Restart();
        }

        await using var second = await ServerProcess.StartAsync(settings);
        var done = await second.Api.WaitForStatusAsync(id, PlanStatus.Completed);

        // Assert
        var s2Calls = steps.CallsTo(scope + "/s2");
        output.WriteLine($"Completed {killedAt.Elapsed.TotalSeconds:0.0} s after the kill; s2 was called {s2Calls.Count} time(s).");
        Assert.Equal(["s1:succeeded", "s2:running", "s3:pending"], PlanAssert.Steps(beforeKill));
        Assert.Equal(["s1:succeeded", "s2:succeeded", "s3:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(beforeKill.Steps[0].Output, done.Steps[0].Output);
        Assert.Single(steps.CallsTo(scope + "/s1"));
        Assert.NotEmpty(s2Calls);
        var answered = Assert.Single(s2Calls, call => done.Steps[1].Output!.Contains(call.CallId, StringComparison.Ordinal));
        Assert.True(Assert.Single(steps.CallsTo(scope + "/s3")).At >= answered.At, "s3 ran before the s2 call whose answer the plan kept.");
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Equal(1, done.Version);
        Assert.Equal(beforeKill.CreatedAt, done.CreatedAt);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Restart_AfterKillWhileAStepWaitsToBeTriedAgain_TriesItAgainWithTheSameIdempotencyKey()
    {
        // Arrange: s1 answers 503, then 200; it is tried again 8 s after the first attempt, long enough to kill the host meanwhile.
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        steps.AnswerWith(scope + "/s1", [503, 200]);
        var plan = TestPlans.HttpPlan("Tried again after a kill", ("s1", steps.Url(scope + "/s1")));
        plan["steps"]![0]!["retry"] = new JsonObject { ["maxAttempts"] = 3, ["firstDelay"] = "PT8S" };
        string id;
        PlanView beforeKill;
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            id = (await first.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false))).Id;
            beforeKill = await first.Api.WaitUntilAsync(
                id, view => view.Steps[0] is { Status: StepStatus.Running, Attempts.Count: 1 }, "running s1 after its first attempt");

            // Act
            await first.KillAsync();
        }

        var callsAtKill = steps.CallsTo(scope + "/s1").Count;
        await using var second = await ServerProcess.StartAsync(settings);
        var done = await second.Api.WaitForStatusAsync(id, PlanStatus.Completed);

        // Assert
        Assert.Equal(1, callsAtKill);
        Assert.Contains("HTTP 503", beforeKill.Steps[0].Attempts![0].Error, StringComparison.Ordinal);
        Assert.Equal(["s1:succeeded"], PlanAssert.Steps(done));
        var attempts = done.Steps[0].Attempts!;
        Assert.Equal([1, 2], attempts.Select(a => a.Number));
        Assert.Contains("HTTP 503", attempts[0].Error, StringComparison.Ordinal);
        Assert.True(attempts[0].Transient);
        Assert.Null(attempts[1].Error);
        var calls = steps.CallsTo(scope + "/s1");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal($"{id}.s1", call.IdempotencyKey));
        Assert.Contains(calls[1].CallId, done.Steps[0].Output, StringComparison.Ordinal);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Restart_AfterGracefulStop_ResumesTheWaitingPlanAtOnce()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Survives a graceful stop", ("s1", steps.Url(scope + "/s1")));
        string id;
        ServerExit exit;
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            id = (await first.Api.CreateAsync(TestPlans.CreateRequest(plan))).Id;
            await first.Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);

            // Act
            exit = await first.StopAsync();
        }

        await using var second = await ServerProcess.StartAsync(settings);
        var approvedAt = Stopwatch.StartNew();
        await second.Api.DecideAcceptedAsync(id, "approve");
        var done = await second.Api.WaitForStatusAsync(id, PlanStatus.Completed);

        // Assert: the stop is measured loosely (it should take about ShutdownTimeout, 3 s, at most).
        output.WriteLine($"SIGTERM to exit: {exit.Elapsed.TotalSeconds:0.00} s, exit code {exit.ExitCode}; approval to completed after restart: {approvedAt.Elapsed.TotalSeconds:0.00} s.");
        Assert.Equal(0, exit.ExitCode);
        Assert.True(exit.Elapsed < TimeSpan.FromSeconds(10), $"The server took {exit.Elapsed.TotalSeconds:0.0} s to stop after SIGTERM.");
        Assert.Equal(["s1:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Single(steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Execute_StepOutlastingItsLock_RunsOnceAsTheLockIsRenewed()
    {
        // Arrange: a 3 s lock, renewed every second, under a step of 7 s.
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage().With("DurableTask__ActivityLockTimeout", "00:00:03");
        var scope = StepEndpoint.NewScope();
        steps.Delay(scope + "/long", TimeSpan.FromSeconds(7));
        var plan = TestPlans.HttpPlan("Outlasts its lock", ("long", steps.Url(scope + "/long")), ("next", steps.Url(scope + "/next")));
        await using var server = await ServerProcess.StartAsync(settings);

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["long:succeeded", "next:succeeded"], PlanAssert.Steps(done));
        Assert.Single(steps.CallsTo(scope + "/long"));
        Assert.Single(steps.CallsTo(scope + "/next"));
        Assert.DoesNotContain("processed multiple times", server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("PopReceiptMismatch", server.Output, StringComparison.Ordinal);
        PlanAssert.Consistent(done);
    }
}
