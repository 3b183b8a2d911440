using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace ExecutionPlans.Testing.McpServer;

/// <summary>The test server's tools, one per risk the annotations can say, and one that fails.</summary>
[McpServerToolType]
public sealed class TestMcpTools
{
    /// <summary>How many times <see cref="RestartService"/> ran in this process.</summary>
    private static int restarts;

    public static int Restarts => Volatile.Read(ref restarts);

    [McpServerTool(Name = "get_service", ReadOnly = true, UseStructuredContent = true)]
    [Description("Reads a service's settings: its name and how many replicas it runs.")]
    public static ServiceSettings GetService([Description("The service's name.")] string service) => new(service, 3);

    [McpServerTool(Name = "restart_service", ReadOnly = false, Destructive = false)]
    [Description("Restarts a service with the given number of replicas.")]
    public static string RestartService([Description("The service's name.")] string service, [Description("How many replicas to run.")] int replicas)
    {
        Interlocked.Increment(ref restarts);
        return $"restarted {service} with {replicas} replicas";
    }

    [McpServerTool(Name = "delete_service", ReadOnly = false, Destructive = true)]
    [Description("Deletes a service and its data.")]
    public static string DeleteService([Description("The service's name.")] string service) => $"deleted {service}";

    [McpServerTool(Name = "fail")]
    [Description("Fails with the given reason, as a tool error.")]
    public static string Fail([Description("Why it fails.")] string reason) => throw new McpException(reason);
}

/// <summary>A service's settings, answered as structured content.</summary>
public sealed record ServiceSettings(string Service, int Replicas);
