using System.Text.Json.Nodes;

namespace ExecutionPlans.Server.IntegrationTests.Api;

/// <summary>Plan requests as JSON: plans of <c>http_request</c> steps.</summary>
internal static class TestPlans
{
    /// <summary>A plan whose steps each send GET to a URL.</summary>
    public static JsonObject Plan(string description, params (string Id, string Url)[] steps) => new()
    {
        ["description"] = description,
        ["steps"] = new JsonArray([.. steps.Select(step => (JsonNode)new JsonObject
        {
            ["id"] = step.Id,
            ["toolName"] = "http_request",
            ["description"] = $"Call {step.Url}",
            ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = step.Url },
        })]),
    };

    /// <summary>The body of <c>POST /api/plans</c> for a given plan.</summary>
    public static string Request(JsonObject plan, bool requireApproval = true, string? approvalTimeout = null)
    {
        var request = new JsonObject { ["plan"] = plan, ["requireApproval"] = requireApproval };
        if (approvalTimeout is not null)
        {
            request["approvalTimeout"] = approvalTimeout;
        }

        return request.ToJsonString();
    }
}
