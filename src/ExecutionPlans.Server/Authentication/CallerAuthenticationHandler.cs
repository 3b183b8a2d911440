using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ExecutionPlans.Server.Authentication;

/// <summary>
/// The server's one authentication scheme: an API key (<c>X-API-Key: &lt;key&gt;</c>, or <c>Authorization: Bearer &lt;key&gt;</c>)
/// names the caller by the key's name; any other bearer token goes to the JWT bearer handler when an authority is
/// configured. Its challenge is a 401 problem with <c>WWW-Authenticate: Bearer</c> that says what was missing or wrong.
/// </summary>
internal sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRing keys,
    IOptions<ServerAuthenticationOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Callers";
    public const string ApiKeyHeader = "X-API-Key";
    public const string ApiKeyAuthenticationType = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    private const string Realm = "ExecutionPlans";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var apiKey))
        {
            return FromKey(apiKey.ToString().Trim()) ?? AuthenticateResult.Fail($"The {ApiKeyHeader} header is not a valid API key.");
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key or token>'; no other scheme is accepted.");
        }

        var credential = authorization[BearerPrefix.Length..].Trim();
        if (FromKey(credential) is { } byKey)
        {
            return byKey;
        }

        if (!settings.Value.Jwt.IsConfigured)
        {
            return AuthenticateResult.Fail("The bearer credential is not a valid API key.");
        }

        var token = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return token.Succeeded
            ? AuthenticateResult.Success(new AuthenticationTicket(token.Principal, token.Properties, Scheme.Name))
            : AuthenticateResult.Fail(Rejection(token.Failure, keys.IsEmpty));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;

        // RFC 6750: the scheme, and for a credential that was sent but refused, why (as a quoted string without quotes).
        Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{failure.Replace('"', '\'').Replace('\\', '/')}\"";
        var detail = failure ?? "This route needs a caller: " + HowToAuthenticate(settings.Value);
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Authentication is required.").ExecuteAsync(Context);
    }

    /// <summary>What a caller may send, from what is configured.</summary>
    internal static string HowToAuthenticate(ServerAuthenticationOptions settings)
    {
        var key = $"an API key as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'";
        var token = $"a bearer token from {settings.Jwt.Authority} for the audience {settings.Jwt.Audience}";
        return (settings.ApiKeys.Count > 0, settings.Jwt.IsConfigured) switch
        {
            (true, true) => $"send {key}, or {token}.",
            (false, true) => $"send {token}.",
            _ => $"send {key}.",
        };
    }

    private AuthenticateResult? FromKey(string presented)
    {
        if (keys.IsEmpty || keys.NameOf(presented) is not { } name)
        {
            return null;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], ApiKeyAuthenticationType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    // The token handler's messages carry internal codes and hidden values; a caller needs to know what to fix.
    private static string Rejection(Exception? failure, bool tokensOnly) => failure switch
    {
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The bearer token was issued for another audience than Server:Jwt:Audience.",
        SecurityTokenInvalidIssuerException => "The bearer token was not issued by Server:Jwt:Authority.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token is not signed by a key of Server:Jwt:Authority.",
        SecurityTokenMalformedException or ArgumentException when tokensOnly => "The bearer credential is not a JWT.",
        SecurityTokenMalformedException or ArgumentException => "The bearer credential is neither a valid API key nor a JWT.",
        null => tokensOnly ? "The bearer token was not accepted." : "The bearer credential is neither a valid API key nor an accepted token.",
        _ => "The bearer token was not accepted: it could not be validated against Server:Jwt:Authority.",
    };
}
