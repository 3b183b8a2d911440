using System.Reflection;

namespace ExecutionPlans.Testing;

/// <summary>Where the repository and the Functions app's build output are, seen from the test's own output folder.</summary>
public static class RepositoryPaths
{
    public const string SolutionFile = "ExecutionPlanFunctions.sln";

    /// <summary>The directory holding the solution file.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release); the Functions app was built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly names no build configuration.");

    /// <summary>The Functions app's build output folder, which the test project's reference keeps up to date.</summary>
    public static string FunctionsOutput { get; } = Path.Combine(Root, "src", "ExecutionPlans.Functions", "bin", Configuration, "net10.0");

    /// <summary>The sample tools a host loads through <c>Tools:Assemblies</c>, as their project builds them.</summary>
    public static string SampleToolsAssembly { get; } =
        Path.Combine(Root, "samples", "ExecutionPlans.Samples.CustomTools", "bin", Configuration, "net10.0", "ExecutionPlans.Samples.CustomTools.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
