using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Xunit.Abstractions;

namespace ExecutionPlans.Reliability.Tests;

/// <summary>
/// Two servers on one task hub, each with a worker id of its own: they share the plans, and when one dies the other
/// takes over its partitions once their lease has run out and finishes its plans.
/// </summary>
public sealed class SharedTaskHubTests(ITestOutputHelper output)
{
    private const int PlanCount = 8;

    // The server's default DurableTask:LeaseInterval, which these servers run with.
    private static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StepTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Approve_PlanCreatedThroughTheOtherServer_Completes()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        var (settingsA, settingsB) = TwoWorkers();
        await using var a = await ServerProcess.StartAsync(settingsA);
        await using var b = await ServerProcess.StartAsync(settingsB);
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Created on one server, approved on the other", ("s1", steps.Url(scope + "/s1")), ("s2", steps.Url(scope + "/s2")));
        var created = await a.Api.CreateAsync(TestPlans.CreateRequest(plan));
        await b.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await b.Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 1}""");
        var done = await a.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["s1:succeeded", "s2:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Single(steps.CallsTo(scope + "/s1"));
        Assert.Single(steps.CallsTo(scope + "/s2"));
        Assert.Equal(PlanStatus.Completed, (await b.Api.GetViewAsync(created.Id)).Status);
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task Kill_OneServerWithPlansInFlight_TheOtherFinishesThemWithinTheLeaseIntervalAndThirtySeconds()
    {
        // Arrange: the first server holds partitions, with renewed claims (a first claim lasts a minute; only a renewed
        // one runs out within the lease interval), and plans of three slow steps, created through both servers, are
        // each past their first call.
        await using var steps = await StepEndpoint.StartAsync();
        var (settingsA, settingsB) = TwoWorkers();
        await using var a = await ServerProcess.StartAsync(settingsA);
        await using var b = await ServerProcess.StartAsync(settingsB);
        var leases = await WaitUntilClaimsRenewedAsync(settingsA);
        var partitionsOfA = leases.Where(lease => lease.Owner == settingsA.WorkerId).Select(lease => lease.Partition).ToList();
        Assert.NotEmpty(partitionsOfA);

        var scope = StepEndpoint.NewScope();
        var stepIds = new[] { "s1", "s2", "s3" };
        var servers = new[] { a, b };
        var ids = await Task.WhenAll(Enumerable.Range(0, PlanCount).Select(async number =>
        {
            foreach (var stepId in stepIds)
            {
                steps.Delay(Path(scope, number, stepId), StepTime);
            }

            var plan = TestPlans.HttpPlan(
                $"In flight when a server dies ({number})",
                [.. stepIds.Select(stepId => (stepId, steps.Url(Path(scope, number, stepId))))]);
            var created = await servers[number % 2].Api.CreateAsync(TestPlans.CreateRequest(plan, requireApproval: false));
            await steps.WaitForCallAsync(Path(scope, number, "s1"));
            return created.Id;
        }));

        // Act
        await a.KillAsync();
        var sinceKill = Stopwatch.StartNew();

        // The calls of the dead server, and any the other one made in the milliseconds the kill took.
        HashSet<string> calledBeforeKill = [.. steps.Calls.Select(call => call.Path)];
        var views = await Poll.UntilAsync(
            () => Task.WhenAll(ids.Select(b.Api.GetViewAsync)),
            views => views.All(view => view.Status == PlanStatus.Completed),
            (views, limit) => $"The surviving server did not finish every plan within {limit.TotalSeconds:0} s of the kill: " +
                string.Join(", ", views.GroupBy(view => view.Status).Select(group => $"{group.Count()} {group.Key.ToWireName()}")) +
                $"\nServer output:\n{b.Output}",
            LeaseInterval + TimeSpan.FromSeconds(30));
        var finishedIn = sinceKill.Elapsed;

        // Assert
        var leasesAfter = await TaskHubPartitions.ReadAsync(settingsA.TaskHub!);
        var callsPerStep = Enumerable.Range(0, PlanCount)
            .SelectMany(number => stepIds.Select(stepId => Path(scope, number, stepId)))
            .ToDictionary(path => path, path => steps.CallsTo(path).Count);
        output.WriteLine(
            $"The killed server held {string.Join(", ", partitionsOfA)}; all {PlanCount} plans completed " +
            $"{finishedIn.TotalSeconds:0.0} s after the kill; {callsPerStep.Count(pair => pair.Value > 1)} steps ran again.");
        foreach (var view in views)
        {
            Assert.Equal(["s1:succeeded", "s2:succeeded", "s3:succeeded"], PlanAssert.Steps(view));
            PlanAssert.Consistent(view);
        }

        Assert.All(partitionsOfA, partition => Assert.Equal(settingsB.WorkerId, leasesAfter.Single(lease => lease.Partition == partition).Owner));
        Assert.All(callsPerStep, pair => Assert.InRange(pair.Value, 1, 2));
        Assert.All(callsPerStep.Where(pair => pair.Value > 1), pair => Assert.True(
            calledBeforeKill.Contains(pair.Key),
            $"{pair.Key} ran twice, but it had not been called before the kill, so it was not running when the server died."));
    }

    private static (ServerSettings A, ServerSettings B) TwoWorkers()
    {
        var a = ServerSettings.AzureStorage();
        return (a, a with { WorkerId = a.WorkerId + "-b" });
    }

    private static string Path(string scope, int plan, string stepId) => $"{scope}/p{plan}/{stepId}";

    private static Task<IReadOnlyList<PartitionLease>> WaitUntilClaimsRenewedAsync(ServerSettings settings) =>
        Poll.UntilAsync(
            () => TaskHubPartitions.ReadAsync(settings.TaskHub!),
            leases => leases.Count > 0 && leases.All(lease => lease.Owner is not null) &&
                leases.Where(lease => lease.Owner == settings.WorkerId).All(lease => lease.Renewed),
            (leases, limit) => $"The partitions were not all held, with {settings.WorkerId}'s claims renewed, within {limit.TotalSeconds:0} s: " +
                string.Join(", ", leases.Select(lease => $"{lease.Partition} {lease.Owner ?? "free"}{(lease.Renewed ? " renewed" : string.Empty)}")));
}
