using System.Text.Json.Nodes;

namespace ExecutionPlans.Http.IntegrationTests.Plans;

/// <summary>What a handler answered.</summary>
internal sealed record HttpAnswer(int StatusCode, string? ContentType, string Location, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");
}
