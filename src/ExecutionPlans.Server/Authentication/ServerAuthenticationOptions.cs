namespace ExecutionPlans.Server.Authentication;

/// <summary>How callers of the API prove who they are: the <c>Server</c> configuration section.</summary>
internal sealed class ServerAuthenticationOptions
{
    public const string SectionName = "Server";

    /// <summary>The shortest API key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary><c>Server:ApiKeys:&lt;name&gt;</c> = key; the name is who decisions made with the key are recorded as.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Server:Jwt</c>: bearer tokens of an OpenID Connect authority such as Entra ID.</summary>
    public ServerJwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// <c>Server:AllowAnonymous</c>: lets the server start outside Development with no authentication configured.
    /// It does not open a server that has keys or an authority: their callers must still authenticate.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Whether any way to authenticate is configured.</summary>
    public bool IsConfigured => ApiKeys.Count > 0 || Jwt.IsConfigured;

    /// <summary>What is wrong with the settings, each message naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, key) in ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length < MinKeyLength)
            {
                problems.Add($"{SectionName}:ApiKeys:{name} must be at least {MinKeyLength} characters (make one with `openssl rand -base64 32`).");
            }
        }

        var usable = ApiKeys.Where(pair => !string.IsNullOrWhiteSpace(pair.Value));
        foreach (var shared in usable.GroupBy(pair => pair.Value.Trim(), StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", shared.Select(pair => $"{SectionName}:ApiKeys:{pair.Key}"))} have the same key; give each caller a key of its own.");
        }

        problems.AddRange(Jwt.Problems());
        return problems;
    }
}
