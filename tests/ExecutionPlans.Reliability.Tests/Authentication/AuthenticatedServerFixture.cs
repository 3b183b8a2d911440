using ExecutionPlans.Testing;

namespace ExecutionPlans.Reliability.Tests.Authentication;

/// <summary>
/// A Production server that requires callers: two API keys (<see cref="Requester"/>'s and <see cref="Approver"/>'s) and
/// bearer tokens of a local OpenID Connect authority, plus a signing key so its review page answers on its own terms.
/// </summary>
public sealed class AuthenticatedServerFixture : IAsyncLifetime
{
    public const string Requester = "ci-bot";
    public const string RequesterKey = "ci-bot-key-5f0c2e9a7d4b1368";
    public const string Approver = "dana";
    public const string ApproverKey = "dana-key-93b7a1c4e8f20d56";
    public const string Audience = "api://execution-plans-tests";

    internal ServerProcess Server { get; private set; } = null!;

    internal TestTokenAuthority Tokens { get; private set; } = null!;

    internal StepEndpoint Steps { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Steps = await StepEndpoint.StartAsync();
        Tokens = await TestTokenAuthority.StartAsync();
        var settings = (ServerSettings.InMemory() with { HostEnvironment = "Production", AllowAnonymous = false })
            .WithApiKey(Requester, RequesterKey)
            .WithApiKey(Approver, ApproverKey)
            .With("Server__Jwt__Authority", Tokens.Authority.ToString())
            .With("Server__Jwt__Audience", Audience)
            .With("Server__Jwt__RequireHttpsMetadata", "false")
            .With("Approvals__SigningKey", "reliability-authentication-signing-key-0123456789");
        Server = await ServerProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Tokens is not null)
        {
            await Tokens.DisposeAsync();
        }

        if (Steps is not null)
        {
            await Steps.DisposeAsync();
        }
    }
}
