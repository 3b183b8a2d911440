using System.Net;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Defaults;

/// <summary>The server as it starts with nothing configured: in memory, no model, no hosts to call.</summary>
public sealed class ProgramTests(DefaultServersFixture fixture) : IClassFixture<DefaultServersFixture>
{
    [Fact]
    public async Task Main_NoConfiguration_RunsTheInMemoryEngineWithoutModel()
    {
        // Act
        using var response = await fixture.Unconfigured.Api.GetPathAsync("api/health");

        // Assert
        using var health = JsonDocument.Parse(await fixture.Unconfigured.Api.ExpectAsync(response, HttpStatusCode.OK));
        var engine = health.RootElement.GetProperty("engine");
        Assert.Equal("InMemory", engine.GetProperty("kind").GetString());
        Assert.Equal("ExecutionPlans", engine.GetProperty("taskHub").GetString());
        Assert.Equal(JsonValueKind.Null, engine.GetProperty("storage").ValueKind);
        Assert.False(health.RootElement.GetProperty("model").GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task CreatePlan_InputWithoutModel_Answers503NamingTheModelSettings()
    {
        // Act
        using var response = await fixture.Unconfigured.Api.PostAsync("api/plans", """{"input": "Deploy the web app to staging"}""");

        // Assert
        var problem = await fixture.Unconfigured.Api.ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var detail = problem.GetProperty("detail").GetString();
        foreach (var setting in new[] { "AzureOpenAI:Endpoint", "AzureOpenAI:Deployment", "OpenAI:BaseUrl", "OpenAI:Model" })
        {
            Assert.Contains(setting, detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreatePlan_NoConfiguration_IsRefusedNamingTheAllowedHostsSetting()
    {
        // Arrange
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("No host is allowed by default", ("s1", fixture.Steps.Url(scope + "/s1")));

        // Act
        using var response = await fixture.Unconfigured.Api.PostAsync("api/plans", TestPlans.CreateRequest(plan, requireApproval: false));

        // Assert
        var problem = await fixture.Unconfigured.Api.ExpectProblemAsync(response, System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Tools:Http:AllowedHosts", problem.GetProperty("errors").GetProperty("plan.steps[s1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(fixture.Steps.CallsTo(scope + "/s1"));
    }

    [Fact]
    public async Task ApprovePlan_OnlyAllowedHostsConfigured_CompletesTheGivenPlan()
    {
        // Arrange
        var api = fixture.LoopbackAllowed.Api;
        var scope = StepEndpoint.NewScope();
        var plan = TestPlans.HttpPlan("Defaults otherwise", ("s1", fixture.Steps.Url(scope + "/s1")), ("s2", fixture.Steps.Url(scope + "/s2")));
        var created = await api.CreateAsync(TestPlans.CreateRequest(plan));
        await api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await api.DecideAcceptedAsync(created.Id, "approve");
        var done = await api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(["s1:succeeded", "s2:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Single(fixture.Steps.CallsTo(scope + "/s1"));
        Assert.Single(fixture.Steps.CallsTo(scope + "/s2"));
        PlanAssert.Consistent(done);
    }
}
