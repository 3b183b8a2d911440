using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ModelContextProtocol.Protocol;

namespace ExecutionPlans.Mcp;

/// <summary>
/// A tool of an MCP server as a plan tool: named <c>&lt;server&gt;.&lt;tool&gt;</c>, with the tool's input schema,
/// and its risk from the tool's annotations (<c>readOnlyHint</c>: read; <c>destructiveHint</c>: destructive; else write).
/// Its output is the tool's structured content as JSON when it has some, else its text.
/// </summary>
internal sealed class McpPlanTool : PlanTool
{
    private readonly McpServerConnection server;
    private readonly Tool tool;
    private readonly JsonElement schema;

    public McpPlanTool(McpServerConnection server, Tool tool)
    {
        this.server = server;
        this.tool = tool;
        schema = tool.InputSchema.ValueKind == JsonValueKind.Object ? tool.InputSchema.Clone() : JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();
        Name = $"{server.Name}.{tool.Name}";
        Description = tool.Description ?? tool.Title ?? tool.Annotations?.Title ?? tool.Name;
        Risk = RiskOf(tool.Annotations);
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement ParametersSchema => schema;

    public override ToolRisk Risk { get; }

    /// <summary>The same retries as <c>http_request</c>: a server can restart or drop a connection.</summary>
    public override StepRetryPolicy? DefaultRetry => new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>The risk the annotations say: read only, destructive, or (as for any tool that says nothing) write.</summary>
    public static ToolRisk RiskOf(ToolAnnotations? annotations) => annotations switch
    {
        { ReadOnlyHint: true } => ToolRisk.Read,
        { DestructiveHint: true } => ToolRisk.Destructive,
        _ => ToolRisk.Write,
    };

    public override async Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            arguments[name] = JsonSerializer.SerializeToElement(value);
        }

        var result = await server.CallAsync(tool.Name, arguments, cancellationToken);
        var text = Text(result);
        if (result.IsError == true)
        {
            throw new ToolExecutionException($"The MCP tool '{Name}' reported an error: {(text.Length > 0 ? text : "(no message)")}") { IsTransient = false };
        }

        return result.StructuredContent is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } structured ? structured.GetRawText() : text;
    }

    private static string Text(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block is TextContentBlock { Text: var words } ? words : $"[{block.Type} content]");
        }

        return text.ToString();
    }
}
