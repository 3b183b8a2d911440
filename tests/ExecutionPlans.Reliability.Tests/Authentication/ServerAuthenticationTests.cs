using System.Net;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Reliability.Tests.Authentication;

/// <summary>
/// How the server starts, by environment and settings: outside Development it refuses to run open unless told to,
/// naming the settings; in Development, or with <c>Server:AllowAnonymous</c>, it runs open and warns; settings that
/// cannot work stop it with the setting's name.
/// </summary>
public sealed class ServerAuthenticationTests
{
    private const string OpenWarning = "No authentication is configured";

    [Theory]
    [InlineData(null)]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_NoAuthenticationOutsideDevelopment_RefusesNamingTheSettings(string? environment)
    {
        // Arrange
        var settings = ServerSettings.InMemory() with { HostEnvironment = environment, AllowAnonymous = false };

        // Act
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => ServerProcess.StartAsync(settings));

        // Assert
        Assert.Contains($"will not start in the {environment ?? "Production"} environment without authentication", refused.Message, StringComparison.Ordinal);
        foreach (var setting in new[] { "Server:ApiKeys:<name>", "Server:Jwt:Authority", "Server:Jwt:Audience", "Server:AllowAnonymous=true" })
        {
            Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_ProductionWithAllowAnonymous_RunsOpenAndWarns()
    {
        // Arrange
        var settings = ServerSettings.InMemory() with { HostEnvironment = "Production", AllowAnonymous = true };

        // Act
        await using var server = await ServerProcess.StartAsync(settings);
        using var response = await server.Api.GetPathAsync("api/tools");

        // Assert
        await server.Api.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Contains(OpenWarning, server.Output, StringComparison.Ordinal);
        Assert.Contains("Server:AllowAnonymous is true", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutAuthentication_RunsOpenAndWarns()
    {
        // Arrange
        var settings = ServerSettings.InMemory() with { HostEnvironment = "Development", AllowAnonymous = false };

        // Act
        await using var server = await ServerProcess.StartAsync(settings);
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Open", ("s1", "http://127.0.0.1:9/never-called"))));

        // Assert
        Assert.Null(created.RequestedBy);
        Assert.Contains(OpenWarning + " (Development)", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AllowAnonymousWithApiKeys_StillRequiresAKey()
    {
        // Arrange
        var settings = (ServerSettings.InMemory() with { HostEnvironment = "Production", AllowAnonymous = true }).WithApiKey("ops", "ops-key-1d7e4a9c02b5f836");

        // Act
        await using var server = await ServerProcess.StartAsync(settings);
        using var anonymous = await server.Api.GetPathAsync("api/tools");
        using var keyed = await server.ApiAs("X-API-Key", "ops-key-1d7e4a9c02b5f836").GetPathAsync("api/tools");

        // Assert
        await server.Api.ExpectProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await server.Api.ExpectAsync(keyed, HttpStatusCode.OK);
        Assert.DoesNotContain(OpenWarning, server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TwoCallersWithOneKey_RefusesNamingBoth()
    {
        // Arrange: one key, two names, so its decisions could not say who decided.
        var settings = ServerSettings.InMemory().WithApiKey("ops", "shared-key-7a2c9e4b1d06f853").WithApiKey("ci", "shared-key-7a2c9e4b1d06f853");

        // Act
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => ServerProcess.StartAsync(settings));

        // Assert
        Assert.Contains("have the same key", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Server:ApiKeys:ops", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Server:ApiKeys:ci", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shared-key-7a2c9e4b1d06f853", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server__ApiKeys__ops", "too-short", "Server:ApiKeys:ops must be at least 16 characters")]
    [InlineData("Server__Jwt__Authority", "https://login.microsoftonline.com/contoso.example/v2.0", "Server:Jwt:Audience must be set with Server:Jwt:Authority")]
    [InlineData("Server__Jwt__Audience", "api://execution-plans", "Server:Jwt:Authority must be set with Server:Jwt:Audience")]
    public async Task Start_AuthenticationSettingThatCannotWork_RefusesNamingIt(string name, string value, string expected)
    {
        // Arrange
        var settings = ServerSettings.InMemory().With(name, value);

        // Act
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => ServerProcess.StartAsync(settings));

        // Assert
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}
