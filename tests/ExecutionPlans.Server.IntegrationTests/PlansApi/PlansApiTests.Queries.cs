using System.Net;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Scenarios of reading: list, Markdown, tools, health, and deleting.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task ListPlans_StatusFilterAndPaging_ReturnsEachMatchingPlanOnce()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var pendingIds = new List<string>();
        for (var index = 0; index < 3; index++)
        {
            var pending = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan($"Listed {index}", ("s1", Steps.Url(scope + "/s1")))));
            pendingIds.Add(pending.Id);
        }

        var completed = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Listed done", ("s1", Steps.Url(scope + "/done"))), requireApproval: false));
        foreach (var id in pendingIds)
        {
            await Api.WaitForStatusAsync(id, PlanStatus.PendingApproval);
        }

        await Api.WaitForStatusAsync(completed.Id, PlanStatus.Completed);

        // Act
        var pendingPages = await ListAllAsync("pending_approval", top: 2);
        var completedPages = await ListAllAsync("completed", top: 2);

        // Assert: at least three plans at two a page take more than one page.
        Assert.True(pendingPages.Count >= 2, $"{pendingPages.Count} page(s) for three or more plans at top=2.");
        Assert.All(pendingPages, page => Assert.True(page.Items.Count <= 2, $"A page of top=2 has {page.Items.Count} items."));
        var listedPending = pendingPages.SelectMany(page => page.Items).ToList();
        Assert.All(listedPending, view => Assert.Equal(PlanStatus.PendingApproval, view.Status));
        Assert.All(pendingIds, id => Assert.Single(listedPending, view => view.Id == id));
        Assert.DoesNotContain(listedPending, view => view.Id == completed.Id);
        var listedCompleted = completedPages.SelectMany(page => page.Items).ToList();
        Assert.All(listedCompleted, view => Assert.Equal(PlanStatus.Completed, view.Status));
        Assert.Single(listedCompleted, view => view.Id == completed.Id);
        Assert.DoesNotContain(listedCompleted, view => pendingIds.Contains(view.Id));
    }

    [Fact]
    public async Task DeletePlan_CompletedPlan_Answers204AndThePlanIsGone()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Deleted", ("s1", Steps.Url(scope + "/s1"))), requireApproval: false));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Act
        using var deleted = await Api.DeleteAsync(created.Id);
        using var read = await Api.GetAsync(created.Id);
        using var deletedAgain = await Api.DeleteAsync(created.Id);

        // Assert
        await Api.ExpectAsync(deleted, HttpStatusCode.NoContent);
        await Api.ExpectProblemAsync(read, HttpStatusCode.NotFound);
        await Api.ExpectProblemAsync(deletedAgain, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetPlan_AcceptMarkdown_AnswersTheFormattedPlan()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var created = await Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Shown as Markdown", ("s1", Steps.Url(scope + "/s1")))));
        await Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        using var response = await Api.GetAsync(created.Id, accept: "text/markdown");

        // Assert
        var markdown = await Api.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Execution Plan: Shown as Markdown\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"Task ID: {created.Id}\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Status: pending_approval\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Step 1: Call ", markdown, StringComparison.Ordinal);
        Assert.Contains("Tool: http_request\n", markdown, StringComparison.Ordinal);
        Assert.EndsWith("Version: 1\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTools_Always_ListsTheBuiltInToolsAndHttpRequestWithItsParameterSchema()
    {
        // Act
        using var response = await Api.GetPathAsync("api/tools");

        // Assert
        using var tools = JsonDocument.Parse(await Api.ExpectAsync(response, HttpStatusCode.OK));
        Assert.Equal(["http_request", "notify", "wait"], tools.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var tool = tools.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "http_request");
        Assert.Contains("127.0.0.1", tool.GetProperty("description").GetString(), StringComparison.Ordinal);
        var parameters = tool.GetProperty("parameters");
        Assert.Equal("object", parameters.GetProperty("type").GetString());
        Assert.Equal(["url"], parameters.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.True(parameters.GetProperty("properties").TryGetProperty("method", out _));
    }

    [Fact]
    public async Task GetHealth_Always_ReportsTheEngineWithoutSecrets()
    {
        // Act
        using var response = await Api.GetPathAsync("api/health");

        // Assert
        var body = await Api.ExpectAsync(response, HttpStatusCode.OK);
        using var health = JsonDocument.Parse(body);
        var engine = health.RootElement.GetProperty("engine");
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(Engine.ToString(), engine.GetProperty("kind").GetString());
        Assert.False(health.RootElement.GetProperty("model").GetProperty("configured").GetBoolean());
        if (Engine == ServerEngine.AzureStorage)
        {
            Assert.Equal(fixture.Server.Settings.TaskHub, engine.GetProperty("taskHub").GetString());
            Assert.Contains(SettingOf(TestStorage.ConnectionString, "AccountName"), engine.GetProperty("storage").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(SettingOf(TestStorage.ConnectionString, "AccountKey"), body, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, engine.GetProperty("storage").ValueKind);
        }
    }

    private async Task<List<PlanPage>> ListAllAsync(string status, int top)
    {
        var pages = new List<PlanPage>();
        string? token = null;
        do
        {
            var query = $"api/plans?status={status}&top={top}" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await Api.GetPathAsync(query);
            var page = PlansClient.Parse<PlanPage>(await Api.ExpectAsync(response, HttpStatusCode.OK));
            pages.Add(page);
            token = page.ContinuationToken;
            Assert.True(pages.Count <= 100, "Paging did not end after 100 pages.");
        }
        while (token is not null);

        return pages;
    }

    private static string SettingOf(string connectionString, string name) =>
        connectionString.Split(';').Select(part => part.Split('=', 2)).Single(pair => pair[0] == name)[1];
}
