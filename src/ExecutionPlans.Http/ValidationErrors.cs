using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Http;

/// <summary>Collects validation messages by field, in the shape of a problem's <c>errors</c> map.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public int Count => byField.Count;

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var messages))
        {
            byField[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Checks a plan against the catalog; each error is filed under the plan field or the step at fault.</summary>
    public void AddPlanErrors(string field, ExecutionPlan plan, ToolCatalog catalog)
    {
        foreach (var error in catalog.Validate(plan))
        {
            var where = error.StepId is null ? field : $"{field}.steps[{error.StepId}]";
            if (!string.IsNullOrEmpty(error.Path))
            {
                where += ".parameters" + error.Path;
            }

            Add(where, error.Message);
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
