using System.Collections;
using System.Reflection;
using System.Text.Json;
using ExecutionPlans.Functions.UnitTests.TestSupport;
using ExecutionPlans.Http;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Functions.UnitTests;

/// <summary>
/// <c>local.settings.sample.json</c>, the file users copy to run the app locally: valid, pointed at Azurite,
/// and listing every setting the app reads.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly Lazy<Dictionary<string, string?>> Values = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");
        Assert.True(File.Exists(path), $"{path} is missing.");
        using var sample = JsonDocument.Parse(File.ReadAllText(path));
        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw new InvalidOperationException($"{p.Name} is not a string; the host reads values as strings."),
            StringComparer.OrdinalIgnoreCase);
    });

    [Fact]
    public void Sample_Storage_IsTheLocalEmulator() =>
        Assert.Equal("UseDevelopmentStorage=true", Values.Value["AzureWebJobsStorage"]);

    [Fact]
    public void Sample_WorkerRuntime_IsDotnetIsolated() =>
        Assert.Equal("dotnet-isolated", Values.Value["FUNCTIONS_WORKER_RUNTIME"]);

    [Theory]
    [InlineData("AzureOpenAI:Endpoint")]
    [InlineData("AzureOpenAI:Deployment")]
    [InlineData("AzureOpenAI:ApiKey")]
    [InlineData("OpenAI:BaseUrl")]
    [InlineData("OpenAI:Model")]
    [InlineData("OpenAI:ApiKey")]
    [InlineData("Tools:Http:AllowedHosts")]
    [InlineData("Approvals:Timeout")]
    [InlineData("Approvals:PublicBaseUrl")]
    [InlineData("Approvals:DefaultApprovers")]
    [InlineData("Approvals:AllowSelfApproval")]
    [InlineData("Workflow:MaxModifyRounds")]
    [InlineData("Tools:http_request:Retry:MaxAttempts")]
    [InlineData("Tools:http_request:Timeout")]
    public void Sample_DesignSetting_IsListed(string key) =>
        Assert.True(IsListed(key), $"local.settings.sample.json does not list {ToEnvironmentForm(key)}.");

    [Fact]
    public void Sample_EverySettingOfEveryOptionsSectionTheAppReads_IsListed()
    {
        var sections = SectionsTheAppReads();
        var optionsTypes = OptionsTypesBySection();

        Assert.All(sections, section => Assert.True(optionsTypes.ContainsKey(section), $"The app reads the section {section}, which no options class with a SectionName describes."));
        var missing = sections
            .SelectMany(section => BindableProperties(optionsTypes[section]).Select(property => $"{section}:{property.Name}"))
            .Where(key => !IsListed(key))
            .Select(ToEnvironmentForm)
            .ToList();
        Assert.True(missing.Count == 0, $"local.settings.sample.json does not list: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void Sample_AsTheAppsConfiguration_PassesStartUpValidation()
    {
        using var provider = TestServices.Compose(SampleConfiguration()).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var api = provider.GetRequiredService<PlanApiServices>();
        Assert.False(api.Planner.IsConfigured);
        Assert.DoesNotContain(api.Approvals.DefaultApprovers, a => !string.IsNullOrWhiteSpace(a));
        Assert.Contains(api.Catalog.Tools, tool => tool.Name == "http_request");
    }

    [Fact]
    public async Task Sample_AsTheAppsConfiguration_AcceptsAGivenPlan()
    {
        using var provider = TestServices.Compose(SampleConfiguration()).BuildServiceProvider();
        var functions = new PlansFunctions(provider.GetRequiredService<PlanApiServices>());
        var client = new DurableClientFake();
        // The sample lets the tool call localhost (not the app itself, at 7071).
        using var exchange = HttpExchange.Post("/api/plans", """{"plan": {"description": "Check", "steps": [{"id": "s1", "toolName": "http_request", "parameters": {"url": "http://localhost:8080/status"}}]}}""");

        var response = await exchange.ExecuteAsync(await functions.CreatePlanAsync(exchange.Request, client.Object));

        Assert.Equal(202, response.StatusCode);
        Assert.Single(client.Started);
    }

    /// <summary>The sample's values as the worker sees them: the host passes them as environment variables, where "__" reads as ":".</summary>
    private static IConfiguration SampleConfiguration() => new ConfigurationBuilder()
        .AddInMemoryCollection(Values.Value.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)))
        .Build();

    private static bool IsListed(string key)
    {
        var environmentKey = ToEnvironmentForm(key);
        return Values.Value.Keys.Any(listed =>
            string.Equals(listed, environmentKey, StringComparison.OrdinalIgnoreCase)
            || listed.StartsWith(environmentKey + "__", StringComparison.OrdinalIgnoreCase));
    }

    private static string ToEnvironmentForm(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The configuration sections the composed app binds, found by recording the keys it looks up.</summary>
    private static List<string> SectionsTheAppReads()
    {
        // AzureWebJobsStorage is the host's storage connection, not an options section; the sample's value is checked above.
        var source = new RecordingConfigurationSource(new Dictionary<string, string?>());
        var configuration = new ConfigurationBuilder().Add(source).Build();
        using var provider = TestServices.Compose(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        _ = provider.GetRequiredService<IOptions<ModelClients.AzureOpenAIOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ModelClients.OpenAIOptions>>().Value;
        Assert.NotEmpty(source.LookedUp);
        return [.. source.LookedUp.Where(key => !key.StartsWith("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, Type> OptionsTypesBySection() =>
        new[] { typeof(PlanOptions).Assembly, typeof(WorkflowOptions).Assembly, typeof(ExecutionPlans.Notifications.Email.EmailNotificationOptions).Assembly, typeof(ExecutionPlans.Http.PlanApiServices).Assembly, typeof(ExecutionPlans.Mcp.McpToolsOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (Type: type, Field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(pair => pair.Field is { IsLiteral: true } && pair.Field.FieldType == typeof(string))
            .ToDictionary(pair => (string)pair.Field!.GetRawConstantValue()!, pair => pair.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What configuration binding sets: public properties with a public setter, and collections it fills. Settings by
    /// name (a dictionary filled from the section itself, as <c>Tools:&lt;tool&gt;</c>) have no fixed keys; the design
    /// settings above name the ones the sample shows.
    /// </summary>
    private static IEnumerable<PropertyInfo> BindableProperties(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && !typeof(IDictionary).IsAssignableFrom(p.PropertyType)
                && (p.SetMethod is { IsPublic: true }
                    || (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))));
}
