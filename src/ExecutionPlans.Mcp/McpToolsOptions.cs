using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Model;

namespace ExecutionPlans.Mcp;

/// <summary>The Model Context Protocol servers whose tools plans may call, by name (<c>Tools:Mcp</c>).</summary>
public sealed class McpToolsOptions : IValidatableObject
{
    /// <summary>The configuration section: <c>Tools:Mcp:&lt;name&gt;:Command</c>, <c>…:Url</c>, ….</summary>
    public const string SectionName = "Tools:Mcp";

    /// <summary>How long connecting to a server may take when it does not say.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The servers by name; the name prefixes their tools' names (<c>&lt;name&gt;.&lt;tool&gt;</c>).</summary>
    public Dictionary<string, McpServerOptions> Servers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A server's connect timeout, parsed.</summary>
    /// <param name="server">The server's settings.</param>
    /// <returns>The timeout.</returns>
    public static TimeSpan ConnectTimeoutOf(McpServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.ConnectTimeout is { } text && Durations.TryParse(text, out var timeout) ? timeout : DefaultConnectTimeout;
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, server) in Servers)
        {
            var key = $"{SectionName}:{name}";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                yield return new ValidationResult($"{key}: a server's name prefixes its tools' names, so it may hold only letters, digits, '_' and '-'.", [nameof(Servers)]);
            }

            var hasCommand = !string.IsNullOrWhiteSpace(server.Command);
            if (hasCommand == (server.Url is not null))
            {
                yield return new ValidationResult(
                    $"{key}: set either Command (with Arguments) to start the server over stdio, or Url for streamable HTTP; {(hasCommand ? "not both" : "neither is set")}.",
                    [nameof(Servers)]);
            }

            if (server.Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            {
                yield return new ValidationResult($"{key}:Url '{url}' is not an absolute http or https address.", [nameof(Servers)]);
            }

            if (server.ConnectTimeout is { } timeout && !(Durations.TryParse(timeout, out var parsed) && parsed <= TimeSpan.FromMinutes(10)))
            {
                yield return new ValidationResult($"{key}:ConnectTimeout '{timeout}' is not a positive ISO 8601 duration (PT30S) or TimeSpan (00:00:30) of at most 10 minutes.", [nameof(Servers)]);
            }
        }
    }
}
