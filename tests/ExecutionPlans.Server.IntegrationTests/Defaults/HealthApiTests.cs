using System.Net;
using System.Text.Json;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Defaults;

/// <summary><c>GET /api/health</c> with a model configured: what it reports, and that the key is not in it.</summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task GetHealth_ModelWithApiKey_ReportsTheModelWithoutTheKey()
    {
        // Arrange
        const string Secret = "secret-value";
        var settings = ServerSettings.None
            .With("OpenAI__BaseUrl", "http://127.0.0.1:9/v1")
            .With("OpenAI__Model", "test-model")
            .With("OpenAI__ApiKey", Secret);
        await using var server = await ServerProcess.StartAsync(settings);

        // Act
        using var response = await server.Api.GetPathAsync("api/health");

        // Assert
        var body = await server.Api.ExpectAsync(response, HttpStatusCode.OK);
        using var health = JsonDocument.Parse(body);
        var model = health.RootElement.GetProperty("model");
        Assert.Equal("InMemory", health.RootElement.GetProperty("engine").GetProperty("kind").GetString());
        Assert.True(model.GetProperty("configured").GetBoolean());
        Assert.Equal("OpenAI", model.GetProperty("provider").GetString());
        Assert.Equal("http://127.0.0.1:9/v1", model.GetProperty("endpoint").GetString());
        Assert.Equal("test-model", model.GetProperty("model").GetString());
        Assert.Equal("API key", model.GetProperty("authentication").GetString());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }
}
