using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Planning;

/// <summary>
/// Plans requests with a chat model. The system prompt lists every tool of the catalog (name, description,
/// parameter schema) and the model is asked for a JSON Schema structured answer; prose and Markdown fences
/// around the JSON are tolerated for models without structured output. Steps without an id are numbered
/// <c>s{position}</c>. An answer that is not valid JSON or not a valid plan for the catalog gets one repair
/// round: the model sees its answer and the exact errors and is asked for a corrected plan.
/// </summary>
/// <remarks>
/// Failures of the chat client itself (for example a <c>System.ClientModel.ClientResultException</c> once the
/// pipeline's retries are spent) propagate unchanged, so callers can tell an unreachable model from a bad answer.
/// </remarks>
public sealed class ExecutionPlanGenerator : IExecutionPlanGenerator
{
    private readonly IChatClient chatClient;
    private readonly ToolCatalog catalog;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ExecutionPlanGenerator> logger;
    private readonly PlannerOptions options;
    private readonly PlanPrompts prompts;
    private readonly ChatResponseFormat responseFormat;

    /// <summary>Creates the generator.</summary>
    /// <param name="chatClient">The model.</param>
    /// <param name="catalog">The tools plans may call.</param>
    /// <param name="timeProvider">The clock for plan timestamps.</param>
    /// <param name="options">How to ask the model.</param>
    /// <param name="logger">The logger.</param>
    public ExecutionPlanGenerator(
        IChatClient chatClient,
        ToolCatalog catalog,
        TimeProvider timeProvider,
        IOptions<PlannerOptions> options,
        ILogger<ExecutionPlanGenerator> logger)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.chatClient = chatClient;
        this.catalog = catalog;
        this.timeProvider = timeProvider;
        this.options = options.Value;
        this.logger = logger;
        prompts = new PlanPrompts(catalog);
        responseFormat = PlanResponseSchema.Create(catalog);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="input"/> is blank.</exception>
    /// <exception cref="PlanGenerationException">
    /// The tool catalog is empty (the model is not called), or the model's answer is still not a valid plan after one repair round.
    /// </exception>
    public async Task<ExecutionPlan> GenerateExecutionPlanAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        EnsureCatalogHasTools();
        Log.GeneratingPlan(logger, input.Length, catalog.Tools.Count);

        List<ChatMessage> messages = [new(ChatRole.System, prompts.GenerateSystemPrompt), new(ChatRole.User, input)];
        var (answer, attempts) = await RequestPlanAsync(messages, cancellationToken);

        var now = timeProvider.GetUtcNow();
        var plan = new ExecutionPlan
        {
            TaskId = Guid.NewGuid().ToString("N"),
            Description = answer.Description,
            Steps = [.. answer.Steps],
            Status = PlanStatus.Draft,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Generated, At = now, Feedback = input }],
        };
        Log.PlanGenerated(logger, plan.TaskId, plan.Steps.Count, attempts);
        return plan;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedback"/> is blank.</exception>
    /// <exception cref="PlanGenerationException">
    /// The tool catalog is empty (the model is not called), or the model's answer is still not a valid plan after one repair round.
    /// </exception>
    public async Task<ExecutionPlan> ModifyExecutionPlanAsync(ExecutionPlan plan, string feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(feedback);
        EnsureCatalogHasTools();
        Log.ModifyingPlan(logger, plan.TaskId, plan.Version, feedback.Length);

        List<ChatMessage> messages =
        [
            new(ChatRole.System, prompts.ModifySystemPrompt),
            new(ChatRole.User, PlanPrompts.ModifyMessage(plan, feedback)),
        ];
        var (answer, attempts) = await RequestPlanAsync(messages, cancellationToken);

        var now = timeProvider.GetUtcNow();
        var version = plan.Version + 1;
        var modified = new ExecutionPlan
        {
            TaskId = plan.TaskId,
            Description = answer.Description,
            Steps = [.. answer.Steps],
            Status = PlanStatus.Draft,
            Version = version,
            CreatedAt = plan.CreatedAt,
            UpdatedAt = plan.UpdatedAt,
            Revisions =
            [
                .. plan.Revisions.Select(r => r.Clone()),
                new PlanRevision { Version = version, Action = RevisionAction.Modified, At = now, Feedback = feedback },
            ],
        };
        // UpdatedAt becomes now, unless the clock stepped back behind the plan's last change.
        modified.Touch(now);
        Log.PlanModified(logger, modified.TaskId, version, modified.Steps.Count, attempts);
        return modified;
    }

    private void EnsureCatalogHasTools()
    {
        if (catalog.Tools.Count == 0)
        {
            Log.EmptyCatalog(logger);
            throw new PlanGenerationException(
                "The tool catalog is empty, so no plan can be made: register at least one tool before asking for plans.");
        }
    }

    private async Task<(PlanAnswer Answer, int Attempts)> RequestPlanAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var text = await AskAsync(messages, cancellationToken);
        var first = Evaluate(text);
        if (first.IsValid)
        {
            return (first.Answer, 1);
        }

        Log.AnswerRejected(logger, 1, first.Summary);
        List<ChatMessage> repair =
        [
            .. messages,
            new(ChatRole.Assistant, text),
            new(ChatRole.User, PlanPrompts.RepairMessage(first.Problems)),
        ];
        text = await AskAsync(repair, cancellationToken);
        var second = Evaluate(text);
        if (second.IsValid)
        {
            return (second.Answer, 2);
        }

        Log.GenerationFailed(logger, second.Summary);
        throw new PlanGenerationException(
            $"The model did not produce a valid plan, even after being shown its errors once: {second.Summary}",
            second.Errors,
            second.Answer.ParseError,
            text);
    }

    private async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var chatOptions = new ChatOptions
        {
            ResponseFormat = responseFormat,
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
        };
        var response = await chatClient.GetResponseAsync(messages, chatOptions, cancellationToken);
        return response.Text;
    }

    /// <summary>Reads and validates an answer.</summary>
    private Evaluation Evaluate(string text)
    {
        var answer = PlanAnswerParser.Parse(text);
        if (answer.ParseError is not null)
        {
            return new Evaluation(answer, [], [answer.ParseError]);
        }

        var errors = catalog.Validate(new ExecutionPlan { Description = answer.Description, Steps = [.. answer.Steps] });
        return new Evaluation(answer, errors, [.. errors.Select(e => e.ToString())]);
    }

    /// <summary>An answer read and checked; <see cref="Problems"/> are the exact texts a repair message lists.</summary>
    private sealed record Evaluation(PlanAnswer Answer, IReadOnlyList<PlanValidationError> Errors, IReadOnlyList<string> Problems)
    {
        public bool IsValid => Problems.Count == 0;

        public string Summary => string.Join("; ", Problems);
    }
}
