using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.ModelClients;
using ExecutionPlans.Planning;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace ExecutionPlans.IntegrationTests.ModelClients;

/// <summary>
/// The real chat clients the factory makes, driving the real plan generator against a local
/// OpenAI-compatible server, on both the OpenAI-compatible and the Azure OpenAI routes.
/// </summary>
public sealed class ChatClientFactoryTests : IAsyncLifetime
{
    public const string OpenAI = "openai";
    public const string Azure = "azure";
    private const string ApiKey = "test-key";
    private const string Model = "test-model";
    private const string Deployment = "test-deployment";

    private static readonly PlanTool Echo = PlanTool.Create((string text) => text, "echo", "Returns the text it is given.");
    private static readonly PlanTool Repeat = PlanTool.Create((string name, int count) => $"{name}x{count}", "repeat", "Repeats a name a number of times.");
    private static readonly string ValidPlan =
        """{"description":"Greet twice","steps":[{"id":"s1","toolName":"repeat","description":"Repeat the name","input":"Ada, twice","parameters":{"name":"Ada","count":2}},{"id":"s2","toolName":"echo","description":"Say done","input":"done","parameters":{"text":"done"}}]}""";

    private FakeChatCompletionServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatCompletionServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_ModelCall_IsASpanOfTheExecutionPlansSourceWithTheGenAiConventions(string route)
    {
        server.Enqueue(ScriptedReply.Answer(ValidPlan));
        var spans = new List<System.Diagnostics.Activity>();
        using var test = new System.Diagnostics.ActivitySource("ChatClientFactoryTests." + route);
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(Telemetry.PlanTelemetry.Name, test.Name).AddInMemoryExporter(spans).Build();
        using var parent = test.StartActivity("test");
        var generator = CreateGenerator(route);

        await generator.GenerateExecutionPlanAsync("Greet Ada twice");

        tracing!.ForceFlush();
        var chat = Assert.Single(spans, span => span.OperationName.StartsWith("chat", StringComparison.Ordinal) && span.TraceId == parent!.TraceId);
        Assert.Equal(Telemetry.PlanTelemetry.Name, chat.Source.Name);
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.NotNull(chat.GetTagItem("gen_ai.request.model"));
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_StructuredAnswer_SendsSchemaToolsModelAndKey(string route)
    {
        server.Enqueue(ScriptedReply.Answer(ValidPlan));
        var generator = CreateGenerator(route);

        var plan = await generator.GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal(["s1", "s2"], plan.Steps.Select(s => s.Id));
        Assert.Equal(2, plan.Steps[0].Parameters["count"]!.GetValue<int>());
        var request = Assert.Single(server.Requests);
        var format = request.Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("execution_plan", format["json_schema"]!["name"]!.GetValue<string>());
        Assert.NotNull(format["json_schema"]!["schema"]!["properties"]!["steps"]);
        Assert.Equal("system", request.MessageRole(0));
        var systemPrompt = request.MessageContent(0);
        foreach (var tool in new[] { Echo, Repeat })
        {
            Assert.Contains($"## {tool.Name}\n{tool.Description}", systemPrompt, StringComparison.Ordinal);
            Assert.Contains(JsonSerializer.Serialize(tool.ParametersSchema), systemPrompt, StringComparison.Ordinal);
        }

        Assert.Equal("Greet Ada twice", request.MessageContent(1));
        Assert.Equal(0.25, request.Body["temperature"]!.GetValue<double>(), 3);
        AssertRouteAndCredentials(route, request);
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_AnswerInProseAndFences_ParsesPlan(string route)
    {
        server.Enqueue(ScriptedReply.Answer($"Here is the plan you asked for:\n\n```json\n{ValidPlan}\n```\n\nLet me know if it needs changes."));
        var generator = CreateGenerator(route);

        var plan = await generator.GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal("Greet twice", plan.Description);
        Assert.Equal(["repeat", "echo"], plan.Steps.Select(s => s.ToolName));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_InvalidPlanThenCorrected_RepairRoundSendsErrors(string route)
    {
        const string Invalid = """{"description":"d","steps":[{"id":"s1","toolName":"launch_rocket","description":"d","input":"i","parameters":{}}]}""";
        server.Enqueue(ScriptedReply.Answer(Invalid), ScriptedReply.Answer(ValidPlan));
        var generator = CreateGenerator(route);

        var plan = await generator.GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(2, server.Requests.Count);
        var repair = server.Requests[1];
        Assert.Equal(4, repair.Messages.Count);
        Assert.Equal("assistant", repair.MessageRole(2));
        Assert.Equal(Invalid, repair.MessageContent(2));
        Assert.Equal("user", repair.MessageRole(3));
        Assert.Contains("unknown tool 'launch_rocket'", repair.MessageContent(3), StringComparison.Ordinal);
        Assert.NotNull(repair.Body["response_format"]);
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_PlanStaysInvalid_ThrowsPlanGenerationException(string route)
    {
        const string Invalid = """{"description":"d","steps":[{"id":"s1","toolName":"repeat","description":"d","input":"i","parameters":{"name":"Ada"}}]}""";
        server.Enqueue(ScriptedReply.Answer(Invalid), ScriptedReply.Answer(Invalid));
        var generator = CreateGenerator(route);

        var exception = await Assert.ThrowsAsync<PlanGenerationException>(() => generator.GenerateExecutionPlanAsync("Greet Ada"));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(exception.ValidationErrors, e => e.Code == PlanValidationCodes.InvalidParameters);
        Assert.Equal(Invalid, exception.LastAnswer);
        Assert.Contains("count", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_TooManyRequestsThenAnswer_RetriesAndSucceeds(string route)
    {
        server.Enqueue(ScriptedReply.Error(429, ("Retry-After", "0")), ScriptedReply.Answer(ValidPlan));
        var generator = CreateGenerator(route, maxRetries: 2);

        var plan = await generator.GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body.ToJsonString(), server.Requests[1].Body.ToJsonString());
    }

    [Theory]
    [InlineData(OpenAI)]
    [InlineData(Azure)]
    public async Task Create_PersistentServerError_ThrowsAfterConfiguredRetries(string route)
    {
        server.Enqueue([.. Enumerable.Range(0, 5).Select(_ => ScriptedReply.Error(500, ("Retry-After", "0")))]);
        var generator = CreateGenerator(route, maxRetries: 2);

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => generator.GenerateExecutionPlanAsync("Greet Ada"));

        Assert.Equal(500, exception.Status);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Create_OpenAIWithoutApiKey_SendsPlaceholderBearer()
    {
        server.Enqueue(ScriptedReply.Answer(ValidPlan));
        var client = ChatClientFactory.Create(new AzureOpenAIOptions(), new OpenAIOptions { BaseUrl = $"{server.BaseAddress}v1", Model = Model }, new ModelClientOptions())!;

        await client.GetResponseAsync("hello");

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {ChatClientFactory.PlaceholderApiKey}", request.Header("Authorization"));
    }

    private static void AssertRouteAndCredentials(string route, ChatCompletionRequest request)
    {
        if (route == OpenAI)
        {
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Equal(Model, request.Body["model"]!.GetValue<string>());
            Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
            Assert.Null(request.Header("api-key"));
        }
        else
        {
            Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", request.Path);
            Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
            Assert.Equal(ApiKey, request.Header("api-key"));
            Assert.Null(request.Header("Authorization"));
        }
    }

    private ExecutionPlanGenerator CreateGenerator(string route, int maxRetries = 0)
    {
        var clientOptions = new ModelClientOptions { MaxRetries = maxRetries };
        var chatClient = route == OpenAI
            ? ChatClientFactory.Create(new AzureOpenAIOptions(), new OpenAIOptions { BaseUrl = $"{server.BaseAddress}v1", Model = Model, ApiKey = ApiKey }, clientOptions)
            : ChatClientFactory.Create(new AzureOpenAIOptions { Endpoint = server.BaseAddress.ToString(), Deployment = Deployment, ApiKey = ApiKey }, new OpenAIOptions(), clientOptions);
        return new ExecutionPlanGenerator(
            chatClient!,
            new ToolCatalog(Echo, Repeat),
            TimeProvider.System,
            Options.Create(new PlannerOptions { Temperature = 0.25f }),
            NullLogger<ExecutionPlanGenerator>.Instance);
    }
}
