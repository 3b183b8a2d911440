using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Server.Authentication;

/// <summary>
/// Who may call the API: API keys, JWT bearer tokens, or (in Development, or on purpose) anyone. When a way to
/// authenticate is configured, every endpoint needs a caller except those marked anonymous: the health endpoint
/// and the review page, whose signed link is its credential.
/// </summary>
internal static class ServerAuthentication
{
    /// <summary>Reads and checks the settings before anything starts; refuses an open server outside Development.</summary>
    public static ServerAuthenticationOptions ReadOptions(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(ServerAuthenticationOptions.SectionName).Get<ServerAuthenticationOptions>() ?? new();
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The Server authentication settings are not valid: " + string.Join(" ", problems));
        }

        if (!options.IsConfigured && !options.AllowAnonymous && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The server will not start in the {environment.EnvironmentName} environment without authentication for its API. " +
                "Set API keys (Server:ApiKeys:<name>=<key>; callers send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'), " +
                "or JWT bearer tokens (Server:Jwt:Authority and Server:Jwt:Audience), " +
                "or set Server:AllowAnonymous=true to run it open on purpose, behind something else that checks callers.");
        }

        return options;
    }

    /// <summary>Adds the caller scheme (and the JWT bearer handler when an authority is set) and the authorization policy.</summary>
    public static IServiceCollection AddServerAuthentication(this IServiceCollection services, ServerAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(new ApiKeyRing(options.ApiKeys));
        var authentication = services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, configureOptions: null);
        if (options.Jwt.IsConfigured)
        {
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                jwt.Authority = options.Jwt.Authority;
                jwt.Audience = options.Jwt.Audience;
                jwt.RequireHttpsMetadata = options.Jwt.RequireHttpsMetadata;

                // Claims keep the token's own names (preferred_username, email, upn, name), which is what the caller's
                // name is read from, in that order.
                jwt.MapInboundClaims = false;
            });
        }

        var authorization = services.AddAuthorizationBuilder();
        if (options.IsConfigured)
        {
            // Every endpoint without an explicit AllowAnonymous needs a caller, including any added later.
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder(CallerAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        }

        return services;
    }

    /// <summary>Says at start-up how callers authenticate, and warns when nobody has to.</summary>
    public static void LogMode(ILogger logger, ServerAuthenticationOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!options.IsConfigured)
        {
            logger.LogWarning(
                "No authentication is configured ({Reason}): anyone who can reach the server may call its API. " +
                "Set Server:ApiKeys:<name> or Server:Jwt:Authority and Server:Jwt:Audience before exposing it.",
                environment.IsDevelopment() ? "Development" : "Server:AllowAnonymous is true");
            return;
        }

        logger.LogInformation(
            "Callers authenticate with {ApiKeyCount} API key(s) ({ApiKeyNames}) and {Tokens}",
            options.ApiKeys.Count,
            options.ApiKeys.Count == 0 ? "none" : string.Join(", ", options.ApiKeys.Keys),
            options.Jwt.IsConfigured ? $"bearer tokens from {options.Jwt.Authority} for {options.Jwt.Audience}" : "no bearer tokens");
    }
}
