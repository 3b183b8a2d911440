namespace ExecutionPlans.Tools;

/// <summary>The codes of <see cref="PlanValidationError"/>.</summary>
public static class PlanValidationCodes
{
    /// <summary>The plan has no steps.</summary>
    public const string EmptyPlan = "empty_plan";

    /// <summary>The plan has more steps than allowed.</summary>
    public const string TooManySteps = "too_many_steps";

    /// <summary>A step has no id.</summary>
    public const string MissingStepId = "missing_step_id";

    /// <summary>Two steps share an id.</summary>
    public const string DuplicateStepId = "duplicate_step_id";

    /// <summary>A step names no tool.</summary>
    public const string MissingTool = "missing_tool";

    /// <summary>A step names a tool the catalog does not have.</summary>
    public const string UnknownTool = "unknown_tool";

    /// <summary>A step's parameters do not satisfy its tool's parameter schema.</summary>
    public const string InvalidParameters = "invalid_parameters";

    /// <summary>A step depends on a step the plan does not have.</summary>
    public const string UnknownDependency = "unknown_dependency";

    /// <summary>A step depends on itself.</summary>
    public const string SelfDependency = "self_dependency";

    /// <summary>Steps depend on each other in a circle.</summary>
    public const string DependencyCycle = "dependency_cycle";

    /// <summary>A parameter's reference to a step output is malformed, names an unknown step, or a step that is not a dependency.</summary>
    public const string InvalidReference = "invalid_reference";

    /// <summary>A step's retry policy is out of range.</summary>
    public const string InvalidRetry = "invalid_retry";

    /// <summary>A step's timeout is not a positive duration of at most a day.</summary>
    public const string InvalidTimeout = "invalid_timeout";

    /// <summary>A step is null instead of an object.</summary>
    public const string NullStep = "null_step";

    /// <summary>A step id is too long or has characters outside <see cref="Model.PlanLimits.StepIdCharacters"/>.</summary>
    public const string InvalidStepId = "invalid_step_id";

    /// <summary>A text or the parameters are longer than <see cref="Model.PlanLimits"/> allows.</summary>
    public const string TooLong = "too_long";

    /// <summary>A text holds a UTF-16 surrogate without its pair.</summary>
    public const string InvalidText = "invalid_text";

    /// <summary>A tool's own check of a step's parameters failed (<see cref="PlanTool.Validate"/>).</summary>
    public const string ToolRefused = "tool_refused";
}
