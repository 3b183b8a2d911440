namespace ExecutionPlans.Mcp;

/// <summary>
/// One Model Context Protocol server whose tools plans may call (<c>Tools:Mcp:&lt;name&gt;</c>): a program started
/// over stdio (<see cref="Command"/> and <see cref="Arguments"/>) or a streamable HTTP endpoint (<see cref="Url"/>).
/// </summary>
public sealed class McpServerOptions
{
    /// <summary>The program to start, talking MCP over its standard input and output (for example <c>npx</c> or <c>dotnet</c>).</summary>
    public string? Command { get; set; }

    /// <summary>The program's arguments, in order.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>The folder the program starts in; the app's when not set.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables set for the program, beside those it inherits.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The server's streamable HTTP endpoint (<c>https://tools.contoso.com/mcp</c>).</summary>
    public Uri? Url { get; set; }

    /// <summary>Headers sent with every HTTP request to the server, such as <c>Authorization</c>; never logged.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long connecting and listing the tools may take at start (ISO 8601 or TimeSpan); 30 seconds when not set.</summary>
    public string? ConnectTimeout { get; set; }

    /// <summary>How the server is reached: <c>stdio</c> or <c>http</c>.</summary>
    public string Transport => Url is null ? "stdio" : "http";
}
