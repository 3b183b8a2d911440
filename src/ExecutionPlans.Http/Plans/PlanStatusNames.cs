using ExecutionPlans.Model;

namespace ExecutionPlans.Http.Plans;

/// <summary>Plan statuses by their wire names.</summary>
internal static class PlanStatusNames
{
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<PlanStatus>().Select(s => s.ToWireName())];

    public static PlanStatus? Parse(string text)
    {
        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            if (string.Equals(status.ToWireName(), text, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        return null;
    }
}
