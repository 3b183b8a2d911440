using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.IntegrationTests.Client;

/// <summary>Listing and deleting plans through the real client against the in-memory engine.</summary>
public sealed class PlanServiceTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private PlanService Plans => fixture.Plans;

    [Fact]
    public async Task ListAsync_TopTwo_PagesThroughEveryPlanWithContinuationTokens()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await StartAsync(requireApproval: false)).Id);
        }

        foreach (var id in ids)
        {
            await Plans.WaitForEndAsync(id);
        }

        var pages = new List<PlanPage>();
        string? token = null;
        do
        {
            var page = await Plans.ListAsync(status: null, top: 2, token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 100);

        Assert.Equal(2, pages[0].Items.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.True(pages.Count >= 2);
        Assert.All(pages, page => Assert.InRange(page.Items.Count, 0, 2));
        Assert.Null(pages[^1].ContinuationToken);
        var listed = pages.SelectMany(page => page.Items).Select(view => view.Id).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Contains(id, listed));
    }

    [Fact]
    public async Task ListAsync_StatusFilter_ReturnsOnlyPlansWithThatStatus()
    {
        var completed = await StartAsync(requireApproval: false);
        var pending = await StartAsync(requireApproval: true);
        await Plans.WaitForEndAsync(completed.Id);
        await Plans.WaitForAsync(pending.Id, v => v.Status == PlanStatus.PendingApproval);

        var completedPlans = await ListAllAsync(PlanStatus.Completed);
        var pendingPlans = await ListAllAsync(PlanStatus.PendingApproval);
        var cancelledPlans = await ListAllAsync(PlanStatus.Cancelled);
        await Plans.CancelAsync(pending.Id, "Test finished", by: null);
        await Plans.WaitForEndAsync(pending.Id);

        Assert.All(completedPlans, view => Assert.Equal(PlanStatus.Completed, view.Status));
        Assert.Contains(completedPlans, view => view.Id == completed.Id);
        Assert.DoesNotContain(completedPlans, view => view.Id == pending.Id);
        Assert.All(pendingPlans, view => Assert.Equal(PlanStatus.PendingApproval, view.Status));
        Assert.Contains(pendingPlans, view => view.Id == pending.Id);
        Assert.DoesNotContain(pendingPlans, view => view.Id == completed.Id);
        Assert.DoesNotContain(cancelledPlans, view => view.Id == completed.Id || view.Id == pending.Id);
    }

    [Fact]
    public async Task DeleteAsync_RunningThenEnded_ConflictThenPurgedThenNotFound()
    {
        var started = await StartAsync(requireApproval: true);
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);

        var whileRunning = await Plans.DeleteAsync(started.Id);
        var cancel = await Plans.CancelAsync(started.Id, "Not needed", "operator@example.com");
        var ended = await Plans.WaitForEndAsync(started.Id);
        var cancelAgain = await Plans.CancelAsync(started.Id, "Again", by: null);
        var deleted = await Plans.DeleteAsync(started.Id);
        var afterDelete = await Plans.GetAsync(started.Id);
        var deletedAgain = await Plans.DeleteAsync(started.Id);

        Assert.Equal(PlanCommandStatus.Conflict, whileRunning.Status);
        Assert.Contains("pending_approval", whileRunning.Detail, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingApproval, whileRunning.View!.Status);
        Assert.Equal(PlanCommandStatus.Accepted, cancel.Status);
        Assert.Equal(PlanStatus.Cancelled, ended.Status);
        Assert.Equal(PlanCommandStatus.Conflict, cancelAgain.Status);
        Assert.Equal(PlanCommandStatus.Accepted, deleted.Status);
        Assert.Equal(PlanStatus.Cancelled, deleted.View!.Status);
        Assert.Null(afterDelete);
        Assert.Equal(PlanCommandStatus.NotFound, deletedAgain.Status);
        Assert.Null(await fixture.Client.GetInstanceAsync(started.Id));
    }

    private Task<PlanView> StartAsync(bool requireApproval) =>
        Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Listed", TestPlans.Echo("s1", TestPlans.Unique("list"))), requireApproval));

    private async Task<List<PlanView>> ListAllAsync(PlanStatus status)
    {
        // A filtered page may hold fewer items than asked for and still have a next page; follow the tokens.
        var views = new List<PlanView>();
        string? token = null;
        do
        {
            var page = await Plans.ListAsync(status, top: 100, token);
            views.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return views;
    }
}
