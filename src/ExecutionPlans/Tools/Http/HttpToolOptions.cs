using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Tools.Http;

/// <summary>Settings of the <c>http_request</c> tool, bound from the <c>Tools:Http</c> configuration section.</summary>
public sealed class HttpToolOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Tools:Http";

    /// <summary>
    /// The hosts the tool may call: host names such as <c>api.example.com</c>, or <c>*.example.com</c> for every
    /// subdomain of <c>example.com</c>, on any port, or on one port with <c>host:port</c> (<c>127.0.0.1:8080</c>).
    /// Matching is case-insensitive. Empty (the default) allows nothing.
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>
    /// Whether the tool may call the app's own addresses (where it listens, and <c>Approvals:PublicBaseUrl</c>); false
    /// (the default) refuses them even when the host is allowed, so a plan can never decide on plans through the API.
    /// </summary>
    public bool AllowSelf { get; set; }

    /// <summary>How long one request may take, response body included (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Tools:Http:Timeout must be between 1 millisecond and 1 hour.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most characters of a response body the tool returns; longer bodies are cut and marked truncated (default 32,768).</summary>
    [Range(1, 16_777_216, ErrorMessage = "Tools:Http:MaxResponseChars must be between 1 and 16,777,216.")]
    public int MaxResponseChars { get; set; } = 32_768;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in AllowedHosts)
        {
            if (!HostAllowList.TryParseEntry(entry, out _, out _, out _, out var error))
            {
                yield return new ValidationResult($"Tools:Http:AllowedHosts: {error}", [nameof(AllowedHosts)]);
            }
        }
    }
}
