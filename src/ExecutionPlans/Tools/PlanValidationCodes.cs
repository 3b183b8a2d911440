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
}
