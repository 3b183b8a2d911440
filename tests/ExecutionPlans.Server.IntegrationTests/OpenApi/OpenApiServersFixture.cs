using ExecutionPlans.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>
/// Two in-memory servers and the OpenAPI documents they serve: one open to anonymous callers, and one that requires
/// an API key (<see cref="ApiKey"/>, recorded as <see cref="Caller"/>).
/// </summary>
public sealed class OpenApiServersFixture : IAsyncLifetime
{
    public const string Caller = "openapi-client";
    public const string ApiKey = "openapi-client-key-2c5e81f04b9d";
    public const string DocumentPath = "openapi/v1.json";

    internal ServerProcess Open { get; private set; } = null!;

    internal ServerProcess Authenticated { get; private set; } = null!;

    internal OpenApiDocument OpenDocument { get; private set; } = null!;

    internal OpenApiDocument AuthenticatedDocument { get; private set; } = null!;

    internal OpenApiDiagnostic OpenDiagnostic { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var open = ServerProcess.StartAsync(ServerSettings.InMemory());
        var authenticated = ServerProcess.StartAsync((ServerSettings.InMemory() with { AllowAnonymous = false }).WithApiKey(Caller, ApiKey));
        await Task.WhenAll(open, authenticated);
        Open = await open;
        Authenticated = await authenticated;
        (OpenDocument, OpenDiagnostic) = await ReadAsync(Open, apiKey: null);
        (AuthenticatedDocument, _) = await ReadAsync(Authenticated, ApiKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Open, Authenticated }.Where(server => server is not null))
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync(ServerProcess server, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(DocumentPath, UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        using var response = await server.Http.SendAsync(request);
        var text = await server.Api.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json);
        Assert.True(read.Document is not null, $"{server.BaseAddress}{DocumentPath} is not an OpenAPI document: {string.Join("; ", read.Diagnostic?.Errors.Select(e => e.Message) ?? [])}");
        return (read.Document!, read.Diagnostic!);
    }
}
