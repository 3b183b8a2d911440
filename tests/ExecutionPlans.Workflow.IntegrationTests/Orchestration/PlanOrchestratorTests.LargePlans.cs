using System.Text;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Details;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Workflow.IntegrationTests.Orchestration;

/// <summary>
/// Plans too large for a custom status: the status stays under Durable Functions' 16 KB of UTF-16 at every moment,
/// and views still show every step whole, from the saved details.
/// </summary>
public sealed partial class PlanOrchestratorTests
{
    private const int StatusLimitUtf16Bytes = 16 * 1024;

    [Fact]
    public async Task RunAsync_HundredStepsWithLongOutputs_StatusFitsAndViewsShowEveryStepWhole()
    {
        // Arrange: 100 steps of 2,000-character outputs, each but the first carrying the one before it in.
        var text = new string('x', 2_000);
        var steps = new List<ExecutionStep> { TestPlans.Echo("s1", TestPlans.Unique(text)) };
        steps.AddRange(Enumerable.Range(2, 99).Select(n => TestPlans.Echo($"s{n}", n == 2 ? $"after {{{{steps.s1.output}}}}" : TestPlans.Unique(text))));
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("A hundred steps", [.. steps])));

        // Act
        var pending = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);
        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 1 });
        var sizes = new List<int>();
        var done = await Poll.UntilAsync(
            async () =>
            {
                var metadata = await fixture.Client.GetInstanceAsync(started.Id, getInputsAndOutputs: true);
                sizes.Add(Encoding.Unicode.GetByteCount(metadata!.SerializedCustomStatus ?? string.Empty));
                return (await Plans.GetAsync(started.Id))!;
            },
            view => view.Status.IsFinal(),
            (view, limit) => $"The hundred-step plan is {view.Status.ToWireName()} after {limit}.");

        // Assert
        Assert.All(sizes, size => Assert.True(size <= StatusLimitUtf16Bytes, $"A custom status of {size} bytes of UTF-16."));
        Assert.Equal(100, pending.Steps.Count);
        Assert.Equal(steps.Select(s => s.Parameters.ToJsonString()), pending.Steps.Select(s => s.Parameters.ToJsonString()));
        Assert.False(pending.Truncated);
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.False(done.Truncated);
        Assert.Equal(
            steps.Select((s, i) => i == 1 ? $"echo: after echo: {steps[0].Parameters["message"]}" : $"echo: {s.Parameters["message"]}"),
            done.Steps.Select(s => s.Output));
        Assert.Equal($"after echo: {steps[0].Parameters["message"]}", done.Steps[1].ResolvedParameters!["message"]!.GetValue<string>());
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Succeeded, step.Status));
    }

    [Fact]
    public async Task RunAsync_HundredStepPlanReplacedByAReviewer_ShowsTheNewVersionAndThePreviousOne()
    {
        // Arrange
        var text = new string('y', 300);
        var first = TestPlans.Plan("First version", [.. Enumerable.Range(1, 100).Select(n => TestPlans.Echo($"s{n}", $"{n} {text}"))]);
        var second = TestPlans.Plan("Second version", [.. Enumerable.Range(1, 100).Select(n => TestPlans.Echo($"t{n}", $"{n} {text}"))]);
        var started = await Plans.StartAsync(TestPlans.Given(first));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        // Act
        await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { Version = 1, Plan = second, By = "reviewer@example.com" });
        var revised = await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval && v.Version == 2);
        var canceled = await Plans.CancelAsync(started.Id, "not today", "reviewer@example.com");
        var done = await Plans.WaitForEndAsync(started.Id);

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, canceled.Status);
        Assert.Equal(second.Steps.Select(s => s.Id), revised.Steps.Select(s => s.Id));
        Assert.Equal("Second version", revised.Description);
        Assert.Equal(first.Steps.Select(s => s.Id), revised.PreviousVersion!.Steps.Select(s => s.Id));
        Assert.Equal(PlanStatus.Cancelled, done.Status);
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Equal(second.Steps.Select(s => s.Parameters.ToJsonString()), done.Steps.Select(s => s.Parameters.ToJsonString()));
    }

    [Fact]
    public async Task RunAsync_DecisionsRaisedAcrossContinuations_EveryOneIsRecordedOnce()
    {
        // Arrange: 70 steps run through several executions; the last one waits until every decision is in.
        var key = TestPlans.Unique("last");
        var steps = Enumerable.Range(1, 69).Select(n => TestPlans.Echo($"s{n}", $"step {n}")).ToList();
        steps.Add(TestPlans.Block("last", key));
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Seventy steps", [.. steps]), requireApproval: false));

        // Act: 40 approvals raised as an integration would, while the plan runs from one execution to the next.
        await Task.WhenAll(Enumerable.Range(1, 40).Select(n =>
            fixture.Client.RaiseEventAsync(started.Id, PlanEvents.Approved, new ApprovedEvent { DecisionId = $"raised-{n}", By = "bob" })));
        var recorded = await Plans.WaitForAsync(started.Id, view => view.DecisionCounts.Values.Sum() >= 40, "forty decisions recorded");
        await fixture.Tools.WaitUntilBlockedAsync(key);
        fixture.Tools.Release(key);
        var done = await Plans.WaitForEndAsync(started.Id);

        // Assert
        Assert.Equal(PlanStatus.Completed, done.Status);
        Assert.Equal(new Dictionary<string, int> { ["ignored"] = 40 }, done.DecisionCounts);
        Assert.Equal(40, recorded.DecisionCounts["ignored"]);
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Succeeded, step.Status));
        Assert.Equal(Enumerable.Range(1, 69).Select(n => $"echo: step {n}"), done.Steps.Take(69).Select(s => s.Output));
    }

    [Fact]
    public async Task DeleteAsync_EndedPlan_TakesItsSavedDetailsAlong()
    {
        // Arrange
        var store = fixture.Host.Services.GetRequiredService<IPlanDetailStore>();
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Deleted", TestPlans.Echo("s1", "bye")), requireApproval: false));
        await Plans.WaitForEndAsync(started.Id);
        var before = await store.ReadAsync(started.Id);

        // Act
        var deleted = await Plans.DeleteAsync(started.Id);

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, deleted.Status);
        Assert.Equal("echo: bye", before.Steps["s1"].Output);
        var after = await store.ReadAsync(started.Id);
        Assert.Empty(after.Steps);
        Assert.Empty(after.Versions);
    }

    [Fact]
    public async Task RunAsync_FailedPlanChangedByFeedback_KeepsTheSucceededStepAndRunsTheNewVersionAfterApproval()
    {
        // Arrange: s1 echoes, s2 fails; the recovery window is open for an hour.
        var message = TestPlans.Unique("kept");
        var input = TestPlans.Given(TestPlans.Plan("Recover by feedback", TestPlans.Echo("s1", message), TestPlans.Fail("s2", true)), requireApproval: false);
        input.RecoveryWindow = TimeSpan.FromHours(1);
        var started = await Plans.StartAsync(input);
        var failed = await Plans.WaitForAsync(started.Id, view => view.RecoverableUntil is not null, "a recoverable failure");
        var feedback = TestPlans.Unique("add a last step");

        // Act: the model (scripted) adds a step; the new version waits for approval, then runs.
        var modify = await Plans.ModifyAsync(started.Id, new PlanDecisionRequest { Version = 1, Text = feedback, By = "reviewer@example.com" });
        var pending = await Plans.WaitForAsync(started.Id, view => view.Status == PlanStatus.PendingApproval && view.Version == 2, "version 2 awaiting approval");
        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 2, By = "reviewer@example.com" });
        var failedAgain = await Plans.WaitForAsync(started.Id, view => view.Version == 2 && view.RecoverableUntil is not null, "version 2 failed and recoverable");
        await Plans.CancelAsync(started.Id, "enough", "reviewer@example.com");
        var done = await Plans.WaitForAsync(started.Id, view => view.Status == PlanStatus.Cancelled, "cancelled");

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, modify.Status);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Failed], failed.Steps.Select(s => s.Status));
        Assert.Contains(feedback, fixture.Generator.Feedback);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Pending, StepStatus.Pending], pending.Steps.Select(s => s.Status));
        Assert.Single(fixture.Tools.Echoed, echoed => echoed == message);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped], failedAgain.Steps.Select(s => s.Status));
        Assert.Equal($"echo: {message}", failedAgain.Steps[0].Output);
        Assert.Null(done.RecoverableUntil);
        Assert.Equal([DecisionKind.Modify, DecisionKind.Approve, DecisionKind.Cancel], done.Decisions.Where(d => d.Outcome == DecisionOutcome.Applied).Select(d => d.Kind));
    }
}
