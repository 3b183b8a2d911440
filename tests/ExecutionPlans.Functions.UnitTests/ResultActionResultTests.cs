using ExecutionPlans.Functions.UnitTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Functions.UnitTests;

public sealed class ResultActionResultTests
{
    [Fact]
    public async Task ExecuteResultAsync_Result_WritesItToTheResponse()
    {
        var result = new ResultActionResult(TypedResults.Created("/api/things/1", new { name = "thing" }));
        using var exchange = HttpExchange.Post("/api/things");

        var response = await exchange.ExecuteAsync(result);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("/api/things/1", response.Location);
        Assert.Equal("thing", response.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ExecuteResultAsync_NullContext_ThrowsArgumentNullException()
    {
        var result = new ResultActionResult(TypedResults.NoContent());

        await Assert.ThrowsAsync<ArgumentNullException>(() => result.ExecuteResultAsync(null!));
    }
}
