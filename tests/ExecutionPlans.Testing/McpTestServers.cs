using ExecutionPlans.Testing.McpServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Testing;

/// <summary>
/// The tests' MCP server (<see cref="TestMcpTools"/>): as a program over stdio, or hosted here over streamable HTTP
/// at <c>/mcp</c> on 127.0.0.1.
/// </summary>
public static class McpTestServers
{
    /// <summary>The built program, next to its project; the test projects reference it, so it is built with them.</summary>
    public static string StdioProgram { get; } =
        Path.Combine(RepositoryPaths.Root, "tests", "ExecutionPlans.Testing.McpServer", "bin", RepositoryPaths.Configuration, "net10.0", "ExecutionPlans.Testing.McpServer.dll");

    /// <summary>The settings that make <paramref name="name"/> the stdio server, in the form of environment variables.</summary>
    public static IReadOnlyDictionary<string, string> StdioSettings(string name) => new Dictionary<string, string>
    {
        [$"Tools__Mcp__{name}__Command"] = "dotnet",
        [$"Tools__Mcp__{name}__Arguments__0"] = StdioProgram,
    };

    /// <summary>Hosts the tools over streamable HTTP; the endpoint is <c>{BaseAddress}mcp</c>.</summary>
    public static Task<LoopbackApp> StartHttpAsync() => LoopbackApp.StartAsync(
        web => web.MapMcp("/mcp"),
        configureServices: services => services.AddMcpServer().WithHttpTransport(http => http.Stateless = true).WithTools<TestMcpTools>());
}
