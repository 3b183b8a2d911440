using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Tools;

/// <summary>
/// A team's own tools, added to either host without changing it: name the assembly in <c>Tools:Assemblies</c>
/// (<c>Tools:Assemblies:0=/app/tools/Contoso.PlanTools.dll</c>, or an assembly name the host can load), and at start
/// every public <see cref="IPlanToolModule"/> type in it, made with its parameterless constructor, registers its
/// tools (<see cref="PlanTool"/> or <see cref="IPlanToolSource"/> singletons, <c>AddPlanTool</c>) and what they need.
/// </summary>
public interface IPlanToolModule
{
    /// <summary>Registers the module's tools and their services.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, for the tools' own settings.</param>
    void AddTools(IServiceCollection services, IConfiguration configuration);
}
