namespace ExecutionPlans.Server.Authentication;

/// <summary>JWT bearer tokens: the <c>Server:Jwt</c> configuration section.</summary>
internal sealed class ServerJwtOptions
{
    private const string Section = ServerAuthenticationOptions.SectionName + ":Jwt";

    /// <summary>
    /// The token issuer's address, whose OpenID Connect metadata names its signing keys, such as
    /// <c>https://login.microsoftonline.com/&lt;tenant id&gt;/v2.0</c> for Entra ID.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for: this API's application id URI or client id.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS; false only for a local identity provider.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether bearer tokens are accepted.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(Audience);

    /// <summary>What is wrong with the settings, each message naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{Section}:Audience must be set with {Section}:Authority: the audience tokens must be issued for (this API's application id URI or client id).";
        }

        if (string.IsNullOrWhiteSpace(Authority))
        {
            yield return $"{Section}:Authority must be set with {Section}:Audience: the issuer of the tokens, such as https://login.microsoftonline.com/<tenant id>/v2.0.";
        }
        else if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{Section}:Authority must be an absolute https address, not '{Authority}'.";
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata)
        {
            yield return $"{Section}:Authority must be an https address; set {Section}:RequireHttpsMetadata to false only for a local identity provider.";
        }
    }
}
