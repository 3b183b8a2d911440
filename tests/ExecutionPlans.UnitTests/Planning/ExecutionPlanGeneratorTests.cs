using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ExecutionPlans.UnitTests.Planning;

public partial class ExecutionPlanGeneratorTests
{
    private const string ValidPlan =
        """{"description":"Greet twice","steps":[{"id":"s1","toolName":"repeat","description":"Repeat the name","input":"Ada, twice","parameters":{"name":"Ada","count":2}}]}""";

    private const string UnknownToolPlan =
        """{"description":"d","steps":[{"id":"s1","toolName":"launch_rocket","description":"d","input":"i","parameters":{}}]}""";

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IChatClient> chatClient = new(MockBehavior.Strict);
    private readonly List<(List<ChatMessage> Messages, ChatOptions? Options)> calls = [];
    private readonly FakeTimeProvider time = new(Start);
    private readonly ToolCatalog catalog = new(
        PlanTool.Create((string text) => text, "zeta_echo", "Returns the text it is given."),
        PlanTool.Create((string name, int count) => $"{name}x{count}", "repeat", "Repeats a name."),
        PlanTool.Create((string url) => url, "alpha_fetch", "Fetches a URL."));

    [Fact]
    public async Task GenerateExecutionPlanAsync_Catalog_SystemPromptListsEveryToolSortedWithSchema()
    {
        Answers(ValidPlan);

        await CreateGenerator().GenerateExecutionPlanAsync("Greet Ada twice");

        var system = calls[0].Messages[0];
        Assert.Equal(ChatRole.System, system.Role);
        var positions = new List<int>();
        foreach (var tool in catalog.Tools)
        {
            var listing = $"## {tool.Name}\n{tool.Description}\nParameters (JSON Schema): {JsonSerializer.Serialize(tool.ParametersSchema)}\n";
            positions.Add(system.Text.IndexOf(listing, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.True(system.Text.IndexOf("## alpha_fetch", StringComparison.Ordinal) < system.Text.IndexOf("## zeta_echo", StringComparison.Ordinal));
        Assert.Equal(ChatRole.User, calls[0].Messages[1].Role);
        Assert.Equal("Greet Ada twice", calls[0].Messages[1].Text);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_Request_AsksForJsonSchemaAnswerWithOptions()
    {
        Answers(ValidPlan);

        await CreateGenerator(new PlannerOptions { Temperature = 0.3f, MaxOutputTokens = 900 }).GenerateExecutionPlanAsync("Greet Ada twice");

        var options = calls[0].Options!;
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("execution_plan", format.SchemaName);
        var step = format.Schema!.Value.GetProperty("properties").GetProperty("steps").GetProperty("items");
        Assert.Equal("object", step.GetProperty("properties").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal(
            ["alpha_fetch", "repeat", "zeta_echo"],
            step.GetProperty("properties").GetProperty("toolName").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.3f, options.Temperature);
        Assert.Equal(900, options.MaxOutputTokens);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_CleanJson_ReturnsDraftPlanStampedByClock()
    {
        Answers(ValidPlan);

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Matches("^[0-9a-f]{32}$", plan.TaskId);
        Assert.Equal("Greet twice", plan.Description);
        Assert.Equal(1, plan.Version);
        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Equal(Start, plan.CreatedAt);
        Assert.Equal(Start, plan.UpdatedAt);
        var revision = Assert.Single(plan.Revisions);
        Assert.Equal((1, RevisionAction.Generated, Start, "Greet Ada twice"), (revision.Version, revision.Action, revision.At, revision.Feedback));
        var step = Assert.Single(plan.Steps);
        Assert.Equal(("s1", "repeat", "Repeat the name", "Ada, twice", StepStatus.Pending), (step.Id, step.ToolName, step.Description, step.Input, step.Status));
        Assert.Equal(2, step.Parameters["count"]!.GetValue<int>());
        Assert.Single(calls);
    }

    [Theory]
    [InlineData("Sure! Here it is:\n```json\n{0}\n```\nAnything else?")]
    [InlineData("```\n{0}\n```")]
    [InlineData("The plan: {0} -- hope it helps.")]
    public async Task GenerateExecutionPlanAsync_ProseAndFences_ParsesPlan(string wrapping)
    {
        Answers(wrapping.Replace("{0}", ValidPlan, StringComparison.Ordinal));

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal("repeat", Assert.Single(plan.Steps).ToolName);
        Assert.Single(calls);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_StepsWithoutIds_NumbersThemByPosition()
    {
        Answers("""{"description":"d","steps":[{"toolName":"zeta_echo","parameters":{"text":"a"}},{"id":"keep","toolName":"zeta_echo","parameters":{"text":"b"}},{"id":"","toolName":"zeta_echo","parameters":{"text":"c"}}]}""");

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Say a, b, c");

        Assert.Equal(["s1", "keep", "s3"], plan.Steps.Select(s => s.Id));
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_InvalidJsonThenValid_RepairsOnce()
    {
        Answers("{\"description\": \"oops\", \"steps\": [", ValidPlan);

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal("Greet twice", plan.Description);
        Assert.Equal(2, calls.Count);
        var repair = calls[1].Messages;
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], repair.Select(m => m.Role));
        Assert.Equal("{\"description\": \"oops\", \"steps\": [", repair[2].Text);
        Assert.Contains("- The answer is not valid JSON:", repair[3].Text, StringComparison.Ordinal);
        Assert.Same(calls[0].Options!.ResponseFormat, calls[1].Options!.ResponseFormat);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_UnknownToolThenValid_RepairMessageHasExactErrors()
    {
        Answers(UnknownToolPlan, ValidPlan);
        var expected = catalog.Validate(new ExecutionPlan
        {
            Steps = [new ExecutionStep { Id = "s1", ToolName = "launch_rocket", Description = "d", Input = "i" }],
        });

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Greet Ada twice");

        Assert.Equal("repeat", Assert.Single(plan.Steps).ToolName);
        var repairText = calls[1].Messages[3].Text;
        Assert.Equal(PlanValidationCodes.UnknownTool, Assert.Single(expected).Code);
        Assert.Contains($"- {expected[0]}\n", repairText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_StaysInvalid_ThrowsWithValidationErrors()
    {
        Answers(UnknownToolPlan, UnknownToolPlan);

        var exception = await Assert.ThrowsAsync<PlanGenerationException>(() => CreateGenerator().GenerateExecutionPlanAsync("Greet Ada"));

        Assert.Equal(PlanValidationCodes.UnknownTool, Assert.Single(exception.ValidationErrors).Code);
        Assert.Null(exception.ParseError);
        Assert.Equal(UnknownToolPlan, exception.LastAnswer);
        Assert.Contains("launch_rocket", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_StaysUnreadable_ThrowsWithParseError()
    {
        Answers("I cannot help with that.", "Still no.");

        var exception = await Assert.ThrowsAsync<PlanGenerationException>(() => CreateGenerator().GenerateExecutionPlanAsync("Greet Ada"));

        Assert.StartsWith("The answer is not valid JSON", exception.ParseError, StringComparison.Ordinal);
        Assert.Empty(exception.ValidationErrors);
        Assert.Equal("Still no.", exception.LastAnswer);
        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_EmptyCatalog_ThrowsWithoutCallingModel()
    {
        var generator = new ExecutionPlanGenerator(
            chatClient.Object, new ToolCatalog(), time, Options.Create(new PlannerOptions()), NullLogger<ExecutionPlanGenerator>.Instance);

        var exception = await Assert.ThrowsAsync<PlanGenerationException>(() => generator.GenerateExecutionPlanAsync("Greet Ada"));

        Assert.Contains("tool catalog is empty", exception.Message, StringComparison.Ordinal);
        chatClient.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GenerateExecutionPlanAsync_BlankInput_ThrowsArgumentException(string input)
    {
        var generator = CreateGenerator();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => generator.GenerateExecutionPlanAsync(input));

        chatClient.VerifyNoOtherCalls();
    }

    private ExecutionPlanGenerator CreateGenerator(PlannerOptions? options = null) =>
        new(chatClient.Object, catalog, time, Options.Create(options ?? new PlannerOptions()), NullLogger<ExecutionPlanGenerator>.Instance);

    private void Answers(params string[] answers)
    {
        var queue = new Queue<string>(answers);
        chatClient
            .Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken _) => calls.Add(([.. messages], options)))
            .ReturnsAsync(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, queue.Dequeue())));
    }
}
