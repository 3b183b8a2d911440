using System.Reflection;

namespace ExecutionPlans.Testing;

/// <summary>Finds the server the project reference built: <c>src/ExecutionPlans.Server/bin/&lt;Configuration&gt;/&lt;TFM&gt;/</c>.</summary>
public static class ServerBinary
{
    private const string SolutionFile = "ExecutionPlanFunctions.sln";

    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The full path of <c>ExecutionPlans.Server.dll</c>.</summary>
    public static string Path => Located.Value;

    private static string Locate()
    {
        var configuration = typeof(ServerBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, SolutionFile)))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}; the tests look for the server next to it.");
        }

        var path = System.IO.Path.Combine(root.FullName, "src", "ExecutionPlans.Server", "bin", configuration, targetFramework, "ExecutionPlans.Server.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The server is not built at {path}. Build the test project (it builds the server first) in {configuration}.");
    }
}
