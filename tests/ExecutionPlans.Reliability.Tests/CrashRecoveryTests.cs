using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Xunit.Abstractions;

namespace ExecutionPlans.Reliability.Tests;

/// <summary>
/// A server on Azure Storage killed (<c>kill -9</c>) while it acts on decisions it has acknowledged, and started again
/// with the same worker id: what it had taken must come back within a minute, and a step may run again only if it
/// was running when the process died.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int PlanCount = 20;

    // Long enough that a step called before the kill is still running when the process dies.
    private static readonly TimeSpan StepTime = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Restart_KillRightAfterAcknowledgedApprovals_EveryApprovalActsWithinAMinuteAndOnlyRunningStepsRunAgain()
    {
        // Arrange: plans of one slow step each, all waiting for approval.
        await using var steps = await StepEndpoint.StartAsync();
        var settings = ServerSettings.AzureStorage();
        var scope = StepEndpoint.NewScope();
        var paths = Enumerable.Range(1, PlanCount).Select(number => $"{scope}/p{number}").ToArray();
        foreach (var path in paths)
        {
            steps.Delay(path, StepTime);
        }

        string[] ids;
        HashSet<string> calledBeforeKill;
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            ids = await Task.WhenAll(paths.Select(async path =>
                (await first.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Survives a kill after approval", ("s1", steps.Url(path)))))).Id));
            foreach (var id in ids)
            {
                await first.Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);
            }

            // Act: every approval acknowledged with 202, then the process is gone at once.
            await Task.WhenAll(ids.Select(id => first.Api.DecideAcceptedAsync(id, "approve", """{"version": 1}""")));
            await first.KillAsync();

            // Nothing can call a step between the kill and the next start, so these are the calls of the dead process.
            calledBeforeKill = [.. steps.Calls.Select(call => call.Path)];
        }

        var sinceRestart = Stopwatch.StartNew();
        await using var second = await ServerProcess.StartAsync(settings);
        var views = await WaitUntilAllCompletedAsync(second, ids, RecoveryDeadline - sinceRestart.Elapsed);
        var recoveredIn = sinceRestart.Elapsed;

        // Assert
        var callsPerStep = paths.ToDictionary(path => path, path => steps.CallsTo(path).Count);
        var ranAgain = callsPerStep.Where(pair => pair.Value > 1).Select(pair => pair.Key).ToList();
        output.WriteLine(
            $"All {PlanCount} plans completed {recoveredIn.TotalSeconds:0.0} s after the restart began; {calledBeforeKill.Count} steps " +
            $"had been called before the kill, {ranAgain.Count} ran again.");
        foreach (var view in views)
        {
            Assert.Equal(["s1:succeeded"], PlanAssert.Steps(view));
            Assert.Equal(["approve/applied"], PlanAssert.Decisions(view));
            PlanAssert.Consistent(view);
        }

        Assert.All(callsPerStep, pair => Assert.InRange(pair.Value, 1, 2));
        Assert.All(ranAgain, path => Assert.True(
            calledBeforeKill.Contains(path),
            $"{path} ran twice, but it had not been called before the kill, so it was not running when the process died."));
    }

    private static async Task<PlanView[]> WaitUntilAllCompletedAsync(ServerProcess server, string[] ids, TimeSpan deadline) =>
        await Poll.UntilAsync(
            () => Task.WhenAll(ids.Select(server.Api.GetViewAsync)),
            views => views.All(view => view.Status == PlanStatus.Completed),
            (views, limit) => $"Not every plan completed within {limit.TotalSeconds:0} s of the restart: " +
                string.Join(", ", views.GroupBy(view => view.Status).Select(group => $"{group.Count()} {group.Key.ToWireName()}")) +
                $"\nServer output:\n{server.Output}",
            deadline);
}
