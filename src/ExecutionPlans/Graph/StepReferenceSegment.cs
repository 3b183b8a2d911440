using System.Globalization;

namespace ExecutionPlans.Graph;

/// <summary>One step of a reference's path: a property name (<c>.name</c>) or an array index (<c>[0]</c>).</summary>
/// <param name="Name">The property name, or null for an index.</param>
/// <param name="Index">The array index, when <paramref name="Name"/> is null.</param>
public sealed record StepReferenceSegment(string? Name, int Index)
{
    /// <inheritdoc />
    public override string ToString() => Name is null ? $"[{Index.ToString(CultureInfo.InvariantCulture)}]" : "." + Name;
}
