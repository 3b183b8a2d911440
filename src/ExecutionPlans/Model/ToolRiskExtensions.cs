namespace ExecutionPlans.Model;

/// <summary>Helpers for <see cref="ToolRisk"/>.</summary>
public static class ToolRiskExtensions
{
    /// <summary>The risk as it appears in JSON, settings and messages: <c>read</c>, <c>write</c> or <c>destructive</c>.</summary>
    /// <param name="risk">The risk to name.</param>
    /// <returns>The lower-case name.</returns>
    public static string ToWireName(this ToolRisk risk) => risk switch
    {
        ToolRisk.Read => "read",
        ToolRisk.Write => "write",
        ToolRisk.Destructive => "destructive",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, "Unknown tool risk."),
    };
}
