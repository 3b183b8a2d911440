using System.Text.Json.Serialization;

namespace ExecutionPlans.Model;

/// <summary>
/// What a step can do to the world, and so how much approval it needs: the approval policy asks for more approvers,
/// and for a checkpoint before the step runs, as the risk grows. A plan's risk is its riskiest step's.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolRisk>))]
public enum ToolRisk
{
    /// <summary>Reads only: nothing changes when the step runs (an HTTP GET).</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>Changes something that can be changed back (an HTTP POST or PUT). Tools that say nothing are this.</summary>
    [JsonStringEnumMemberName("write")]
    Write,

    /// <summary>Deletes or changes what cannot be put back (an HTTP DELETE).</summary>
    [JsonStringEnumMemberName("destructive")]
    Destructive,
}
