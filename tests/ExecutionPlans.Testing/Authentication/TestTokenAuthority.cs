using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Testing;

/// <summary>
/// An OpenID Connect authority on 127.0.0.1 and a dynamic port, as Entra ID looks to a JWT bearer handler: its metadata
/// (<c>/.well-known/openid-configuration</c>) names its issuer and its signing keys (<c>/keys</c>, one RSA key), and it
/// issues RS256 tokens signed with that key. The server fetches the metadata over plain HTTP, so it needs
/// <c>Server:Jwt:RequireHttpsMetadata=false</c>.
/// </summary>
public sealed class TestTokenAuthority : IAsyncDisposable
{
    private readonly RSA key = RSA.Create(2048);
    private readonly string keyId = Guid.NewGuid().ToString("N");
    private LoopbackApp? app;

    private TestTokenAuthority()
    {
    }

    /// <summary>The authority's address, <c>http://127.0.0.1:PORT/</c>, which is also the issuer of its tokens.</summary>
    public Uri Authority => app?.BaseAddress ?? throw new InvalidOperationException("The authority has not started.");

    /// <summary>Starts an authority.</summary>
    public static async Task<TestTokenAuthority> StartAsync()
    {
        var authority = new TestTokenAuthority();
        authority.app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
            {
                ["issuer"] = authority.Authority.ToString(),
                ["jwks_uri"] = new Uri(authority.Authority, "keys").ToString(),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }));
            web.MapGet("/keys", () => Results.Json(authority.KeySet()));
        });
        return authority;
    }

    /// <summary>
    /// A token for <paramref name="audience"/> naming the caller <paramref name="name"/> (<c>preferred_username</c>), valid
    /// from a minute ago for <paramref name="lifetime"/> (an hour by default; a negative one has expired), signed with this
    /// authority's key, or with <paramref name="signWith"/> under the same key id.
    /// </summary>
    public string Issue(string audience, string name, TimeSpan? lifetime = null, RSA? signWith = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = DateTimeOffset.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = keyId };
        var payload = new JsonObject
        {
            ["iss"] = Authority.ToString(),
            ["aud"] = audience,
            ["sub"] = Guid.NewGuid().ToString("N"),
            ["preferred_username"] = name,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = Min(now.AddMinutes(-1), expires.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        var signed = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = (signWith ?? key).SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        key.Dispose();
    }

    private JsonObject KeySet()
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = keyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
