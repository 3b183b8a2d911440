using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Tools;

/// <summary>
/// Loads the assemblies named in <c>Tools:Assemblies</c> and lets their <see cref="IPlanToolModule"/> types register
/// their tools. An assembly that cannot be loaded, or holds no module, stops the host at start, naming the setting.
/// </summary>
internal static class PlanToolModules
{
    /// <summary>The configuration section that lists the assemblies.</summary>
    public const string SectionName = "Tools:Assemblies";

    /// <summary>The assemblies whose dependencies the default context resolves already, by path.</summary>
    private static readonly HashSet<string> Resolved = new(StringComparer.Ordinal);

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var entry in configuration.GetSection(SectionName).GetChildren())
        {
            var setting = $"{SectionName}:{entry.Key}";
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                throw new InvalidOperationException($"{setting} is empty: give the path of an assembly of tools, or its name.");
            }

            var assembly = Load(setting, entry.Value.Trim());
            var modules = Modules(setting, assembly);
            foreach (var module in modules)
            {
                module.AddTools(services, configuration);
            }
        }
    }

    private static Assembly Load(string setting, string value)
    {
        try
        {
            return IsPath(value) ? LoadFromPath(Path.GetFullPath(value, AppContext.BaseDirectory)) : Assembly.Load(new AssemblyName(value));
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{setting} '{value}' could not be loaded: {exception.Message}", exception);
        }
    }

    private static bool IsPath(string value) =>
        value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal);

    private static Assembly LoadFromPath(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no file {path}.", path);
        }

        // An assembly the host already has (referenced, or named twice) is the one its types are known by.
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name));
        if (loaded is not null)
        {
            return loaded;
        }

        // The tools' own dependencies come from beside them, as their .deps.json says; shared ones from the host.
        lock (Resolved)
        {
            if (Resolved.Add(path))
            {
                var resolver = new AssemblyDependencyResolver(path);
                AssemblyLoadContext.Default.Resolving += (context, dependency) =>
                    resolver.ResolveAssemblyToPath(dependency) is { } found ? context.LoadFromAssemblyPath(found) : null;
            }
        }

        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }

    private static List<IPlanToolModule> Modules(string setting, Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new InvalidOperationException($"{setting}: the types of {assembly.GetName().Name} could not be loaded: {exception.Message}", exception);
        }

        var modules = types
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IPlanToolModule).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => type.GetConstructor(Type.EmptyTypes) is not null
                ? (IPlanToolModule)Activator.CreateInstance(type)!
                : throw new InvalidOperationException($"{setting}: the tool module {type.FullName} needs a public parameterless constructor."))
            .ToList();
        return modules.Count > 0
            ? modules
            : throw new InvalidOperationException($"{setting}: {assembly.GetName().Name} has no public {nameof(IPlanToolModule)} type, so it adds no tools.");
    }
}
