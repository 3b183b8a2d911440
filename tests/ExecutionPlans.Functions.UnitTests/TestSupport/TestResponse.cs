using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>What an HTTP trigger's result wrote: status, headers and body.</summary>
internal sealed record TestResponse(int StatusCode, IHeaderDictionary Headers, string? ContentType, string Body)
{
    public string? Location => Headers.Location.Count > 0 ? Headers.Location.ToString() : null;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The problem's <c>errors</c> map, field to messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Json.GetProperty("errors").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty).ToArray(),
            StringComparer.Ordinal);

    /// <summary>Asserts that the answer is a problem-details document with this status, and returns it.</summary>
    public JsonElement AssertProblem(int statusCode)
    {
        Assert.Equal(statusCode, StatusCode);
        Assert.StartsWith("application/problem+json", ContentType, StringComparison.Ordinal);
        var problem = Json;
        Assert.Equal(statusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
