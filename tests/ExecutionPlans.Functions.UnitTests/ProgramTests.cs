using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http;
using ExecutionPlans.ModelClients;
using ExecutionPlans.Planning;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Details;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>The app's composition, as Program.cs makes it: complete, and failing fast on bad settings.</summary>
public sealed class ProgramTests
{
    [Fact]
    public void Compose_Settings_ResolvesTheTriggerClassesAndEveryActivity()
    {
        using var provider = TestServices.Build();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(ActivatorUtilities.CreateInstance<PlansFunctions>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<WorkflowFunctions>(provider));
        Assert.NotNull(provider.GetRequiredService<GeneratePlanActivity>());
        Assert.NotNull(provider.GetRequiredService<ModifyPlanActivity>());
        Assert.NotNull(provider.GetRequiredService<ValidatePlanActivity>());
        Assert.NotNull(provider.GetRequiredService<ExecuteStepActivity>());
        Assert.NotNull(provider.GetRequiredService<SavePlanVersionActivity>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")]
    public void Compose_Telemetry_BuildsTracingAndMetricsWithOrWithoutApplicationInsights(string? connectionString)
    {
        var configuration = TestServices.Configuration(new() { [FunctionsAppServices.ApplicationInsightsSetting] = connectionString });
        var services = TestServices.Compose(configuration);
        services.AddFunctionsTelemetry(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(provider.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "UseDevelopmentStorage=true")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://account.blob.core.windows.net")]
    [InlineData("AzureWebJobsStorage:accountName", "account")]
    public void Compose_StorageConnection_KeepsPlanDetailsAsBlobsInTheConfiguredContainer(string key, string value)
    {
        using var provider = TestServices.Build(new() { [key] = value, ["Workflow:DetailsContainer"] = "details-here" });

        Assert.IsType<BlobPlanDetailStore>(provider.GetRequiredService<IPlanDetailStore>());
    }

    [Fact]
    public void Compose_NoStorageConnection_KeepsPlanDetailsInMemory()
    {
        using var provider = TestServices.Build();

        Assert.IsType<InMemoryPlanDetailStore>(provider.GetRequiredService<IPlanDetailStore>());
    }

    [Theory]
    [InlineData("Plan-Details")]
    [InlineData("ab")]
    [InlineData("two--hyphens")]
    public void Compose_DetailsContainerNotABlobContainerName_FailsStartUpNamingIt(string name)
    {
        using var provider = TestServices.Build(new() { ["Workflow:DetailsContainer"] = name });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Workflow:DetailsContainer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoModel_PlansCanOnlyBeGiven()
    {
        using var provider = TestServices.Build();

        Assert.False(provider.GetRequiredService<PlanApiServices>().Planner.IsConfigured);
        Assert.IsNotType<ExecutionPlanGenerator>(provider.GetRequiredService<IExecutionPlanGenerator>());
    }

    [Fact]
    public void Compose_AzureOpenAIConfigured_PlannerIsAvailable()
    {
        using var provider = TestServices.Build(new()
        {
            ["AzureOpenAI:Endpoint"] = "https://example.openai.azure.com/",
            ["AzureOpenAI:Deployment"] = "planner",
            ["AzureOpenAI:ApiKey"] = "test-key",
        });

        Assert.True(provider.GetRequiredService<PlanApiServices>().Planner.IsConfigured);
        Assert.IsType<ExecutionPlanGenerator>(provider.GetRequiredService<IExecutionPlanGenerator>());
    }

    [Theory]
    [InlineData("AzureOpenAI:Endpoint", "https://example.openai.azure.com/", "AzureOpenAI:Deployment")]
    [InlineData("AzureOpenAI:Deployment", "planner", "AzureOpenAI:Endpoint")]
    [InlineData("OpenAI:BaseUrl", "http://127.0.0.1:9/v1", "OpenAI:Model")]
    [InlineData("OpenAI:Model", "test-model", "OpenAI:BaseUrl")]
    public void Compose_HalfConfiguredModel_FailsNamingTheMissingSetting(string key, string value, string missing)
    {
        var configuration = TestServices.Configuration(new() { [key] = value });

        var exception = Assert.Throws<ModelConfigurationException>(() => TestServices.Compose(configuration));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Approvals:Timeout", "soon", "Approvals:Timeout")]
    [InlineData("Workflow:MaxStepOutputChars", "10", "MaxStepOutputChars")]
    [InlineData("Workflow:MaxModifyRounds", "1000", "MaxModifyRounds")]
    [InlineData("Tools:Http:AllowedHosts:0", "https://not a host/", "Tools:Http:AllowedHosts")]
    public void Compose_InvalidSetting_FailsStartUpValidationNamingIt(string key, string value, string named)
    {
        using var provider = TestServices.Build(new() { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FunctionsApplicationWithTheAppsServices_ResolvesTheTriggerClasses()
    {
        // The worker's own builder, composed as Program.cs composes it; built, never run (there is no host to talk to).
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tools:Http:AllowedHosts:0"] = TestServices.AllowedHost });
        builder.Services.AddFunctionsApp(builder.Configuration);

        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(ActivatorUtilities.CreateInstance<PlansFunctions>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<WorkflowFunctions>(host.Services));
    }
}
