using System.Text.Json;
using System.Text.Json.Serialization;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// The custom status of a running plan: written as its <see cref="PlanView"/>, fitted to the host's limit, at the
/// moment the host serializes it. The host does so once per episode, after the orchestrator has run, so the view is
/// built once however many times the episode (and its replay) published it.
/// </summary>
/// <param name="build">Builds the view of the plan as it is now.</param>
[JsonConverter(typeof(LiveViewConverter))]
internal sealed class LiveView(Func<PlanView> build)
{
    /// <summary>The view as it is now, fitted to the custom-status limit.</summary>
    public PlanView Current() => PlanViewBudget.Fit(build());

    private sealed class LiveViewConverter : JsonConverter<LiveView>
    {
        public override LiveView Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A live view is written as a PlanView; read it as a PlanView.");

        public override void Write(Utf8JsonWriter writer, LiveView value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Current(), options);
    }
}
