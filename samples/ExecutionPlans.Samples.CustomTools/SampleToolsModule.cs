using ExecutionPlans.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Samples.CustomTools;

/// <summary>
/// The sample's tools, registered when a host names this assembly in <c>Tools:Assemblies</c>: <c>sha256</c>, a
/// <see cref="PlanTool"/> class, and <c>count_words</c>, a plain method. <c>Samples:Sha256:Prefix</c> shows a tool
/// reading its own settings.
/// </summary>
public sealed class SampleToolsModule : IPlanToolModule
{
    /// <inheritdoc />
    public void AddTools(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<PlanTool>(new Sha256Tool(configuration["Samples:Sha256:Prefix"] ?? string.Empty));
        services.AddPlanTool(WordCount.Count, WordCount.ToolName, "Counts the words and characters of a text.");
    }
}
