using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Storage;
using ExecutionPlans.Testing;
using ExecutionPlans.UnitTests.TestSupport;

namespace ExecutionPlans.UnitTests.Storage;

public class InMemoryExecutionPlanStoreTests
{
    private static ExecutionPlan Plan(string taskId, DateTimeOffset? createdAt = null) => new()
    {
        TaskId = taskId,
        Description = $"Plan {taskId}",
        CreatedAt = createdAt ?? TestPlans.Created,
        Steps = [TestPlans.Step("s1", "echo", new JsonObject { ["text"] = "hello" })],
    };

    [Fact]
    public async Task GetAsync_AfterSave_ReturnsAnEqualCopy()
    {
        var store = new InMemoryExecutionPlanStore();
        var plan = Plan("a");

        await store.SaveAsync(plan);
        var loaded = await store.GetAsync("a");

        Assert.NotNull(loaded);
        Assert.NotSame(plan, loaded);
        Assert.Equal(JsonSerializer.Serialize(plan), JsonSerializer.Serialize(loaded));
    }

    [Fact]
    public async Task SaveAsync_PlanChangedAfterwards_StoredPlanUnchanged()
    {
        var store = new InMemoryExecutionPlanStore();
        var plan = Plan("a");
        await store.SaveAsync(plan);

        plan.Description = "changed";
        plan.Steps[0].Parameters["text"] = "changed";

        var loaded = await store.GetAsync("a");
        Assert.Equal("Plan a", loaded!.Description);
        Assert.Equal("hello", loaded.Steps[0].Parameters["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAsync_ResultChanged_StoredPlanUnchanged()
    {
        var store = new InMemoryExecutionPlanStore();
        await store.SaveAsync(Plan("a"));

        var first = await store.GetAsync("a");
        first!.Status = PlanStatus.Completed;
        first.Steps.Clear();

        var second = await store.GetAsync("a");
        Assert.Equal(PlanStatus.Draft, second!.Status);
        Assert.Single(second.Steps);
    }

    [Fact]
    public async Task SaveAsync_SameTaskId_ReplacesThePlan()
    {
        var store = new InMemoryExecutionPlanStore();
        await store.SaveAsync(Plan("a"));
        var second = Plan("a");
        second.Version = 2;

        await store.SaveAsync(second);

        var all = await store.ListAsync();
        Assert.Equal(2, Assert.Single(all).Version);
    }

    [Fact]
    public async Task GetAsync_UnknownTaskId_ReturnsNull()
    {
        var store = new InMemoryExecutionPlanStore();

        var loaded = await store.GetAsync("missing");

        Assert.Null(loaded);
    }

    [Fact]
    public async Task SaveAsync_EmptyTaskId_Throws()
    {
        var store = new InMemoryExecutionPlanStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Plan(" ")));
    }

    [Fact]
    public async Task ListAsync_SeveralPlans_OrdersByCreatedAtThenTaskId()
    {
        var store = new InMemoryExecutionPlanStore();
        var early = TestPlans.Created;
        var late = early.AddMinutes(5);
        await store.SaveAsync(Plan("d", late));
        await store.SaveAsync(Plan("c", early));
        await store.SaveAsync(Plan("B", late));
        await store.SaveAsync(Plan("a", late));

        var all = await store.ListAsync();

        Assert.Equal(["c", "B", "a", "d"], all.Select(p => p.TaskId));
    }

    [Fact]
    public async Task DeleteAsync_StoredPlan_RemovesItAndReturnsTrue()
    {
        var store = new InMemoryExecutionPlanStore();
        await store.SaveAsync(Plan("a"));

        var deleted = await store.DeleteAsync("a");

        Assert.True(deleted);
        Assert.Null(await store.GetAsync("a"));
    }

    [Fact]
    public async Task DeleteAsync_UnknownTaskId_ReturnsFalse()
    {
        var store = new InMemoryExecutionPlanStore();
        await store.SaveAsync(Plan("a"));

        var deleted = await store.DeleteAsync("b");

        Assert.False(deleted);
        Assert.NotNull(await store.GetAsync("a"));
    }

    [Fact]
    public async Task SaveAsync_ManyParallelSaves_KeepsEveryPlan()
    {
        var store = new InMemoryExecutionPlanStore();
        var ids = Enumerable.Range(0, 500).Select(i => $"plan-{i:D3}").ToList();

        await Parallel.ForEachAsync(ids, async (id, ct) =>
        {
            await store.SaveAsync(Plan(id), ct);
            await store.SaveAsync(Plan("shared"), ct);
            _ = await store.GetAsync("shared", ct);
        });

        var all = await store.ListAsync();
        Assert.Equal([.. ids, "shared"], all.Select(p => p.TaskId));
    }
}
