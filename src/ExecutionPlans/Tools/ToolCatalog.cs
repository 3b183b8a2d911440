using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Graph;
using ExecutionPlans.Model;
using Json.Schema;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Tools;

/// <summary>The tools plans may call, and the rules a plan must satisfy to be run with them.</summary>
public sealed class ToolCatalog
{
    private static readonly EvaluationOptions SchemaEvaluation = new() { OutputFormat = OutputFormat.List };

    private readonly FrozenDictionary<string, CatalogEntry> entries;
    private readonly PlanOptions options;
    private readonly ToolPolicyOptions policies;

    /// <summary>Creates a catalog of <paramref name="tools"/>.</summary>
    /// <param name="tools">The tools; names must be unique.</param>
    /// <param name="options">Plan limits.</param>
    /// <param name="policies">Configured retry policies and timeouts by tool (<c>Tools:&lt;name&gt;</c>), if any.</param>
    /// <exception cref="ArgumentException">Two tools share a name, or a tool's parameter schema is not valid JSON Schema.</exception>
    public ToolCatalog(IEnumerable<PlanTool> tools, IOptions<PlanOptions> options, IOptions<ToolPolicyOptions>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.policies = policies?.Value ?? new ToolPolicyOptions();

        var byName = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var buildOptions = new BuildOptions();
        // Schemas register under their base URI; a URI of this catalog's own keeps catalogs apart.
        var catalogUri = $"urn:execution-plans:catalog:{Guid.NewGuid():N}:tool:";
        foreach (var tool in tools)
        {
            if (byName.ContainsKey(tool.Name))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'; tool names must be unique.", nameof(tools));
            }

            byName[tool.Name] = new CatalogEntry(tool, BuildSchema(tool, buildOptions, catalogUri));
        }

        entries = byName.ToFrozenDictionary(StringComparer.Ordinal);
        Tools = [.. byName.Values.Select(e => e.Tool).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Creates a catalog of <paramref name="tools"/> with default plan limits.</summary>
    /// <param name="tools">The tools; names must be unique.</param>
    public ToolCatalog(params PlanTool[] tools)
        : this(tools, Options.Create(new PlanOptions()))
    {
    }

    /// <summary>The tools, ordered by name (ordinal), so prompts and listings are stable.</summary>
    public IReadOnlyList<PlanTool> Tools { get; }

    /// <summary>The most steps a plan may have.</summary>
    public int MaxSteps => options.MaxSteps;

    /// <summary>Finds a tool by name.</summary>
    /// <param name="name">The tool's name (case-sensitive).</param>
    /// <param name="tool">The tool, when found.</param>
    /// <returns>Whether the catalog has the tool.</returns>
    public bool TryGetTool(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PlanTool? tool)
    {
        ArgumentNullException.ThrowIfNull(name);
        tool = entries.TryGetValue(name, out var entry) ? entry.Tool : null;
        return tool is not null;
    }

    /// <summary>Checks a plan against the catalog and the plan limits.</summary>
    /// <param name="plan">The plan to check.</param>
    /// <returns>Every reason the plan is not valid; empty when it is valid.</returns>
    public IReadOnlyList<PlanValidationError> Validate(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<PlanValidationError>();
        if (plan.Steps.Count == 0)
        {
            errors.Add(new(PlanValidationCodes.EmptyPlan, "The plan has no steps; a plan needs at least one."));
            return errors;
        }

        if (plan.Steps.Count > options.MaxSteps)
        {
            errors.Add(new(
                PlanValidationCodes.TooManySteps,
                $"The plan has {plan.Steps.Count} steps; at most {options.MaxSteps} are allowed."));
        }

        CheckText(errors, "The plan's description", plan.Description, PlanLimits.MaxDescriptionChars, stepId: null);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < plan.Steps.Count; index++)
        {
            if (plan.Steps[index] is not { } step)
            {
                errors.Add(new(PlanValidationCodes.NullStep, $"Step {index + 1} is null; each step is an object with an id, a tool name and parameters."));
                continue;
            }

            ValidateStep(step, index, seenIds, errors);
        }

        // The graph needs every step named once; without that its errors would only repeat the ones above.
        if (!errors.Exists(e => e.Code is PlanValidationCodes.MissingStepId or PlanValidationCodes.DuplicateStepId or PlanValidationCodes.NullStep or PlanValidationCodes.InvalidStepId or PlanValidationCodes.InvalidText))
        {
            ValidateGraph(plan, errors);
        }

        return errors;
    }

    private static void ValidateGraph(ExecutionPlan plan, List<PlanValidationError> errors)
    {
        var (graph, graphErrors) = PlanGraph.Build(plan);
        errors.AddRange(graphErrors);
        for (var index = 0; index < plan.Steps.Count; index++)
        {
            var step = plan.Steps[index];
            var (references, problems) = StepReferences.Find(step.Parameters ?? []);
            foreach (var (pointer, problem) in problems)
            {
                errors.Add(new(PlanValidationCodes.InvalidReference, $"Step '{step.Id}', parameter '{pointer}': {problem}", step.Id, pointer));
            }

            foreach (var (pointer, reference, _) in references)
            {
                var referenced = graph.IndexOf(reference.StepId);
                var problem = referenced < 0
                    ? $"references step '{reference.StepId}', which is not a step of this plan."
                    : referenced == index
                        ? "references the step's own output."
                        : !graph.DependsOnTransitively(index, referenced)
                            ? $"references step '{reference.StepId}', which this step does not depend on; add it to dependsOn (a step may read only the outputs of steps that run before it)."
                            : null;
                if (problem is not null)
                {
                    errors.Add(new(PlanValidationCodes.InvalidReference, $"Step '{step.Id}', parameter '{pointer}' ({reference.Text}) {problem}", step.Id, pointer));
                }
            }
        }
    }

    /// <summary>Checks a plan and throws if it is not valid.</summary>
    /// <param name="plan">The plan to check.</param>
    /// <exception cref="PlanValidationException">The plan is not valid; the exception lists every reason.</exception>
    public void EnsureValid(ExecutionPlan plan)
    {
        var errors = Validate(plan);
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }
    }

    /// <summary>Runs the tool a step names with the step's parameters.</summary>
    /// <param name="step">The step to run.</param>
    /// <param name="cancellationToken">Signals that the plan was cancelled.</param>
    /// <returns>The tool's output.</returns>
    /// <exception cref="ToolNotFoundException">The catalog has no tool of that name.</exception>
    /// <exception cref="PlanValidationException">The step's parameters do not satisfy the tool's schema.</exception>
    public Task<string> ExecuteAsync(ExecutionStep step, CancellationToken cancellationToken = default) =>
        ExecuteAsync(step, null, cancellationToken);

    /// <summary>Runs one attempt at a step with its tool, telling the tool which plan, step and attempt it is.</summary>
    /// <param name="step">The step, its references filled in.</param>
    /// <param name="context">Which plan, step and attempt; null when there is no plan around the call.</param>
    /// <param name="cancellationToken">Signals that the plan was cancelled or the attempt ran out of time.</param>
    /// <returns>The tool's output.</returns>
    public Task<string> ExecuteAsync(ExecutionStep step, ToolCallContext? context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!entries.TryGetValue(step.ToolName, out var entry))
        {
            throw new ToolNotFoundException($"Step '{step.Id}' calls the tool '{step.ToolName}', which is not in the catalog. {DescribeAvailable()}");
        }

        // Parameters can change between validation and execution (a modified plan); check them again, all of them:
        // by now every reference to an earlier output must have been filled in.
        var errors = ValidateParameters(step, entry, deferReferences: false);
        if (errors.Count > 0)
        {
            throw new PlanValidationException(errors);
        }

        var parameters = (JsonObject)step.Parameters.DeepClone();
        return context is null ? entry.Tool.ExecuteAsync(parameters, cancellationToken) : entry.Tool.ExecuteAsync(parameters, context, cancellationToken);
    }

    /// <summary>How a step is tried again: its own <c>retry</c>, else the configured one of its tool, else the tool's default, else never.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The policy.</returns>
    public StepRetryPolicy RetryPolicyFor(ExecutionStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Retry
            ?? (policies.Tools.TryGetValue(step.ToolName, out var configured) ? configured.Retry : null)
            ?? (entries.TryGetValue(step.ToolName, out var entry) ? entry.Tool.DefaultRetry : null)
            ?? StepRetryPolicy.None;
    }

    /// <summary>
    /// What a step can do: its tool's configured risk (<c>Tools:&lt;name&gt;:Risk</c>), else the tool's own for the step's
    /// parameters; a step of a tool the catalog does not have is <see cref="ToolRisk.Write"/>.
    /// </summary>
    /// <param name="step">The step.</param>
    /// <returns>The risk.</returns>
    public ToolRisk RiskOf(ExecutionStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (policies.Tools.TryGetValue(step.ToolName, out var configured) && configured.Risk is { } risk)
        {
            return risk;
        }

        return entries.TryGetValue(step.ToolName, out var entry) ? entry.Tool.RiskOf(step.Parameters) : ToolRisk.Write;
    }

    /// <summary>The risk of a tool as listed (<c>/api/tools</c>): configured, else the tool's own.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>The risk.</returns>
    public ToolRisk RiskOf(PlanTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return policies.Tools.TryGetValue(tool.Name, out var configured) && configured.Risk is { } risk ? risk : tool.Risk;
    }

    /// <summary>How long one attempt at a step may take: its own <c>timeout</c>, else its tool's configured one, else the tool's default; null: no limit.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The limit.</returns>
    public TimeSpan? TimeoutFor(ExecutionStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Timeout is { } own)
        {
            return own;
        }

        if (policies.Tools.TryGetValue(step.ToolName, out var configured) && Durations.TryParse(configured.Timeout, out var timeout))
        {
            return timeout;
        }

        return entries.TryGetValue(step.ToolName, out var entry) ? entry.Tool.DefaultTimeout : null;
    }

    private void ValidateStep(ExecutionStep step, int index, HashSet<string> seenIds, List<PlanValidationError> errors)
    {
        var label = string.IsNullOrWhiteSpace(step.Id) ? null : step.Id;
        if (label is null)
        {
            errors.Add(new(PlanValidationCodes.MissingStepId, $"Step {index + 1} has no id."));
        }
        else if (!PlanLimits.IsStepId(label))
        {
            errors.Add(new(
                PlanValidationCodes.InvalidStepId,
                $"Step {index + 1}'s id '{PlanLimits.Shown(label)}' is not a step id: use 1 to {PlanLimits.MaxStepIdChars} of {PlanLimits.StepIdCharacters} (it has {label.Length} characters)."));
            label = null;
        }
        else if (!seenIds.Add(label))
        {
            errors.Add(new(PlanValidationCodes.DuplicateStepId, $"The id '{label}' is used by more than one step; step ids must be unique.", label));
        }

        var what = label is null ? $"Step {index + 1}" : $"Step '{label}'";
        CheckText(errors, $"{what}'s description", step.Description, PlanLimits.MaxStepDescriptionChars, label);
        CheckText(errors, $"{what}'s input", step.Input, PlanLimits.MaxStepInputChars, label);
        if (string.IsNullOrWhiteSpace(step.ToolName))
        {
            errors.Add(new(PlanValidationCodes.MissingTool, $"Step {index + 1} names no tool. {DescribeAvailable()}", label));
            return;
        }

        if (!entries.TryGetValue(step.ToolName, out var entry))
        {
            errors.Add(new(PlanValidationCodes.UnknownTool, $"Step {index + 1} calls the unknown tool '{PlanLimits.Shown(step.ToolName)}'. {DescribeAvailable()}", label));
            return;
        }

        if (step.Retry?.Problem() is { } retryProblem)
        {
            errors.Add(new(PlanValidationCodes.InvalidRetry, $"Step '{label}' has a retry that is not valid: {retryProblem}", label));
        }

        if (step.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1)))
        {
            errors.Add(new(PlanValidationCodes.InvalidTimeout, $"Step '{label}' has a timeout of {timeout}; use more than 0 and at most a day (PT30S).", label));
        }

        errors.AddRange(ValidateParameters(step, entry, deferReferences: true));
    }

    /// <summary>
    /// Checks parameters against the tool's schema. With <paramref name="deferReferences"/>, a value that holds a
    /// reference to an earlier output is checked only when the step runs, once it is filled in.
    /// </summary>
    private static List<PlanValidationError> ValidateParameters(ExecutionStep step, CatalogEntry entry, bool deferReferences)
    {
        var parameters = step.Parameters ?? [];
        var stepId = PlanLimits.IsStepId(step.Id) ? step.Id : null;
        if (PlanLimits.FirstLoneSurrogate(parameters) is { } broken)
        {
            // No JSON writer or HTTP message can carry it, so the schema could not even look at the parameters.
            return [new(PlanValidationCodes.InvalidText, $"The parameter '{broken}' holds a UTF-16 surrogate without its pair, which is not text.", stepId, broken == "/" ? string.Empty : broken)];
        }

        if (deferReferences && parameters.ToJsonString().Length is var size && size > PlanLimits.MaxParametersChars)
        {
            return [new(PlanValidationCodes.TooLong, $"The parameters take {size} characters as JSON; at most {PlanLimits.MaxParametersChars} are allowed.", stepId)];
        }

        var deferred = new List<string>();
        if (deferReferences)
        {
            var references = StepReferences.Find(parameters).References;
            if (references.Count > 0)
            {
                deferred.AddRange(references.Select(found => found.Pointer));
                parameters = StepReferences.WithoutWholeReferences(parameters);
            }
        }

        var instance = JsonSerializer.SerializeToElement(parameters);
        var results = entry.Schema.Evaluate(instance, SchemaEvaluation);
        var errors = new List<PlanValidationError>();
        if (results.IsValid)
        {
            if (deferReferences)
            {
                errors.AddRange(entry.Tool.Validate(parameters).Select(problem => new PlanValidationError(PlanValidationCodes.ToolRefused, problem, stepId)));
            }

            return errors;
        }

        var details = results.Details is { Count: > 0 } ? results.Details : [results];
        foreach (var detail in details)
        {
            if (detail.Errors is null)
            {
                continue;
            }

            var path = detail.InstanceLocation.ToString();
            if (deferred.Exists(pointer => path == pointer || path.StartsWith(pointer + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var where = path.Length == 0 ? "parameters" : $"parameter '{path}'";
                // A failure without a keyword is a 'false' schema, which is how "additionalProperties": false rejects.
                var text = keyword.Length == 0
                    ? $"The {where} is not allowed by the schema of tool '{entry.Tool.Name}'."
                    : $"The {where} of tool '{entry.Tool.Name}' failed '{keyword}': {message}";
                errors.Add(new(
                    PlanValidationCodes.InvalidParameters,
                    text,
                    stepId,
                    path));
            }
        }

        if (errors.Count == 0 && deferred.Count == 0)
        {
            errors.Add(new(PlanValidationCodes.InvalidParameters, $"The parameters do not match the schema of tool '{entry.Tool.Name}'.", step.Id));
        }

        return errors;
    }

    private static void CheckText(List<PlanValidationError> errors, string what, string? text, int maxChars, string? stepId)
    {
        if (text is { Length: var length } && length > maxChars)
        {
            errors.Add(new(PlanValidationCodes.TooLong, $"{what} has {length} characters; at most {maxChars} are allowed.", stepId));
        }
        else if (PlanLimits.HasLoneSurrogate(text))
        {
            errors.Add(new(PlanValidationCodes.InvalidText, $"{what} holds a UTF-16 surrogate without its pair, which is not text.", stepId));
        }
    }

    private string DescribeAvailable() =>
        Tools.Count == 0 ? "The catalog has no tools." : "Available tools: " + string.Join(", ", Tools.Select(t => t.Name)) + ".";

    private static JsonSchema BuildSchema(PlanTool tool, BuildOptions buildOptions, string catalogUri)
    {
        try
        {
            var baseUri = new Uri(catalogUri + Uri.EscapeDataString(tool.Name));
            return JsonSchema.Build(tool.ParametersSchema, buildOptions, baseUri);
        }
        catch (Exception exception) when (exception is JsonSchemaException or JsonException or ArgumentException)
        {
            throw new ArgumentException($"The parameter schema of tool '{tool.Name}' is not valid JSON Schema: {exception.Message}", nameof(tool), exception);
        }
    }

    private sealed record CatalogEntry(PlanTool Tool, JsonSchema Schema);
}
