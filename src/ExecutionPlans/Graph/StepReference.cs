namespace ExecutionPlans.Graph;

/// <summary>
/// One reference to an earlier step's output inside a parameter value: <c>{{steps.&lt;id&gt;.output}}</c> (the output
/// text) or <c>{{steps.&lt;id&gt;.output.items[0].name}}</c> (a value inside the output read as JSON).
/// </summary>
/// <param name="StepId">The step whose output is referenced.</param>
/// <param name="Path">The way into the output's JSON: property names and array indexes; empty for the whole text.</param>
/// <param name="Text">The reference as written, <c>{{…}}</c> included.</param>
public sealed record StepReference(string StepId, IReadOnlyList<StepReferenceSegment> Path, string Text)
{
    /// <summary>Where the value comes from, as people read it: <c>s1.output.items[0].name</c>.</summary>
    public string Source => StepId + ".output" + string.Concat(Path.Select(segment => segment.ToString()));
}
