using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Samples.CustomTools;

/// <summary>A tool written as a class: the SHA-256 of a text, in lower-case hex, with an optional configured prefix.</summary>
/// <param name="prefix">Written before the hash (<c>Samples:Sha256:Prefix</c>).</param>
public sealed class Sha256Tool(string prefix) : PlanTool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "sha256";

    private static readonly JsonElement Schema = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new { text = new { type = "string", description = "The text to hash, as UTF-8." } },
        required = new[] { "text" },
        additionalProperties = false,
    });

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description => "Computes the SHA-256 of a text (UTF-8), as lower-case hex.";

    /// <inheritdoc />
    public override JsonElement ParametersSchema => Schema;

    /// <inheritdoc />
    public override ToolRisk Risk => ToolRisk.Read;

    /// <inheritdoc />
    public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = parameters["text"]?.GetValue<string>() ?? string.Empty;
        return Task.FromResult(prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}
