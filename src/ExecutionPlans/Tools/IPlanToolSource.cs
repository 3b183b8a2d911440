namespace ExecutionPlans.Tools;

/// <summary>
/// Tools found rather than registered one by one, such as those a Model Context Protocol server offers: a source's
/// tools join the catalog beside the <see cref="PlanTool"/> singletons. Register sources as singletons.
/// </summary>
public interface IPlanToolSource
{
    /// <summary>The tools the source has now; read once, when the catalog is made.</summary>
    IReadOnlyList<PlanTool> Tools { get; }
}
