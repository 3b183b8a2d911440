using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Details;

namespace ExecutionPlans.Workflow.IntegrationTests.Details;

/// <summary>Plan details as blobs on the storage emulator: what is saved reads back whole, replaced by later writes, gone after a delete.</summary>
public sealed class BlobPlanDetailStoreTests
{
    private readonly BlobPlanDetailStore store = new(new BlobContainerClient(TestStorage.ConnectionString, "plan-details-" + Guid.NewGuid().ToString("N")[..12]));

    [Fact]
    public async Task ReadAsync_AfterSaves_GivesBackEveryVersionAndTheLatestRunOfEachStep()
    {
        // Arrange: step ids with characters blob names treat specially, and an output of 100,000 characters.
        var planId = Guid.NewGuid().ToString("N");
        var first = TestPlans.PlanOf("s1", "a/b", "c\\d.e");
        first.Version = 1;
        var second = TestPlans.PlanOf("t1");
        second.Version = 2;
        var big = new string('x', 100_000);

        // Act
        await store.SaveVersionAsync(planId, first);
        await store.SaveVersionAsync(planId, second);
        await store.SaveStepAsync(planId, new StepRecord("a/b", 1, new JsonObject { ["text"] = "old" }, false, null, false, "the first run failed"));
        await store.SaveStepAsync(planId, new StepRecord("a/b", 1, new JsonObject { ["text"] = "new" }, true, big, true, null));
        await store.SaveStepAsync(planId, new StepRecord("c\\d.e", 1, null, true, "done", false, null));
        var details = await store.ReadAsync(planId);

        // Assert
        Assert.Equal([1, 2], details.Versions.Keys.Order());
        Assert.Equal(["s1", "a/b", "c\\d.e"], details.Versions[1].Steps.Select(s => s.Id));
        Assert.Equal(["t1"], details.Versions[2].Steps.Select(s => s.Id));
        var rerun = details.Steps["a/b"];
        Assert.Equal((true, big, true, (string?)null, "new"), (rerun.Succeeded, rerun.Output, rerun.OutputTruncated, rerun.Error, rerun.ResolvedParameters!["text"]!.GetValue<string>()));
        Assert.Equal("done", details.Steps["c\\d.e"].Output);
    }

    [Fact]
    public async Task ReadAsync_NothingSaved_IsEmptyEvenBeforeTheContainerExists()
    {
        // Act
        var details = await store.ReadAsync(Guid.NewGuid().ToString("N"));

        // Assert
        Assert.Empty(details.Versions);
        Assert.Empty(details.Steps);
    }

    [Fact]
    public async Task DeleteAsync_RemovesThePlansDetailsOnly()
    {
        // Arrange
        var (deleted, kept) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        foreach (var planId in new[] { deleted, kept })
        {
            await store.SaveVersionAsync(planId, TestPlans.PlanOf("s1"));
            await store.SaveStepAsync(planId, new StepRecord("s1", 1, null, true, "ok", false, null));
        }

        // Act
        await store.DeleteAsync(deleted);

        // Assert
        var gone = await store.ReadAsync(deleted);
        Assert.Empty(gone.Versions);
        Assert.Empty(gone.Steps);
        Assert.Equal("ok", (await store.ReadAsync(kept)).Steps["s1"].Output);
    }
}
