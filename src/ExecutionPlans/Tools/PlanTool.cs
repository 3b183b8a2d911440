using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using Microsoft.Extensions.AI;

namespace ExecutionPlans.Tools;

/// <summary>
/// A tool a plan step can call: a name, a description, a JSON Schema for its parameters, and an action.
/// </summary>
/// <remarks>
/// Write a plain C# method and wrap it with <see cref="Create(Delegate, string, string)"/>, wrap an existing
/// <see cref="AIFunction"/> with <see cref="FromFunction(AIFunction)"/>, or derive from this class.
/// </remarks>
public abstract class PlanTool
{
    /// <summary>The name steps use to call the tool, unique within a catalog.</summary>
    public abstract string Name { get; }

    /// <summary>What the tool does, shown to the model and to reviewers.</summary>
    public abstract string Description { get; }

    /// <summary>The JSON Schema that a step's parameters must satisfy.</summary>
    public abstract JsonElement ParametersSchema { get; }

    /// <summary>Runs the tool.</summary>
    /// <param name="parameters">The step's parameters, already validated against <see cref="ParametersSchema"/>.</param>
    /// <param name="cancellationToken">Signals that the plan was cancelled.</param>
    /// <returns>The tool's output as text.</returns>
    public abstract Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken);

    /// <summary>
    /// How steps of this tool are tried again after a failure that may pass (a <see cref="ToolExecutionException"/>
    /// with <see cref="ToolExecutionException.IsTransient"/>, a timeout); null: never. Configuration
    /// (<c>Tools:&lt;name&gt;:Retry</c>) and a step's own <c>retry</c> override it.
    /// </summary>
    public virtual StepRetryPolicy? DefaultRetry => null;

    /// <summary>
    /// What steps of this tool can do, when it does not depend on their parameters (<see cref="RiskOf"/>): the approval
    /// policy gates each risk differently. Configuration (<c>Tools:&lt;name&gt;:Risk</c>) overrides it. The default is
    /// <see cref="ToolRisk.Write"/>: a tool that says nothing is taken to change something.
    /// </summary>
    public virtual ToolRisk Risk => ToolRisk.Write;

    /// <summary>What a step of this tool with these parameters can do; the default is <see cref="Risk"/>.</summary>
    /// <param name="parameters">The step's parameters (references to earlier outputs not filled in).</param>
    /// <returns>The step's risk.</returns>
    public virtual ToolRisk RiskOf(JsonObject parameters) => Risk;

    /// <summary>How long one attempt may take unless configuration or the step says otherwise; null: no limit of its own.</summary>
    public virtual TimeSpan? DefaultTimeout => null;

    /// <summary>
    /// Checks what the schema cannot say about a step's parameters, before the plan is shown for approval: the tool's
    /// own preconditions, such as a host it may not call. Values that are a whole reference to an earlier output are
    /// null, and texts may still hold references (<c>{{steps.…}}</c>); check only what is known. The tool checks
    /// again when it runs. The default checks nothing.
    /// </summary>
    /// <param name="parameters">The step's parameters, valid against <see cref="ParametersSchema"/>.</param>
    /// <returns>Why the step cannot run, one sentence each; empty when it can.</returns>
    public virtual IEnumerable<string> Validate(JsonObject parameters) => [];

    /// <summary>Runs the tool for one attempt at a step; tools that need to know which (<see cref="ToolCallContext"/>) override this.</summary>
    /// <param name="parameters">The step's parameters, already validated against <see cref="ParametersSchema"/>.</param>
    /// <param name="context">Which plan, step and attempt the call is for.</param>
    /// <param name="cancellationToken">Signals that the plan was cancelled or the attempt ran out of time.</param>
    /// <returns>The tool's output as text.</returns>
    public virtual Task<string> ExecuteAsync(JsonObject parameters, ToolCallContext context, CancellationToken cancellationToken) =>
        ExecuteAsync(parameters, cancellationToken);

    /// <summary>Wraps an <see cref="AIFunction"/> as a tool.</summary>
    /// <param name="function">The function; its name, description and schema become the tool's.</param>
    /// <returns>The tool.</returns>
    public static PlanTool FromFunction(AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new AIFunctionPlanTool(function);
    }

    /// <summary>Makes a tool of a plain C# method; its parameters become the tool's parameter schema.</summary>
    /// <param name="method">The method, for example a lambda or a method group.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="description">What the tool does.</param>
    /// <returns>The tool.</returns>
    public static PlanTool Create(Delegate method, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return FromFunction(AIFunctionFactory.Create(method, name, description));
    }
}
