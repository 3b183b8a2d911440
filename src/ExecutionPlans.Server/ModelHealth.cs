using System.Text.Json.Serialization;
using ExecutionPlans.ModelClients;

namespace ExecutionPlans.Server;

/// <summary>The configured model, without its key.</summary>
internal sealed record ModelHealth(
    [property: JsonPropertyName("configured")] bool Configured,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("authentication")] string? Authentication)
{
    public static ModelHealth Of(AzureOpenAIOptions azure, OpenAIOptions openAI)
    {
        // The same precedence as the client factory: Azure OpenAI wins when both are configured.
        if (!string.IsNullOrWhiteSpace(azure.Endpoint) && !string.IsNullOrWhiteSpace(azure.Deployment))
        {
            return new(true, "AzureOpenAI", azure.Endpoint, azure.Deployment, string.IsNullOrWhiteSpace(azure.ApiKey) ? "Entra ID" : "API key");
        }

        if (!string.IsNullOrWhiteSpace(openAI.BaseUrl) && !string.IsNullOrWhiteSpace(openAI.Model))
        {
            return new(true, "OpenAI", openAI.BaseUrl, openAI.Model, string.IsNullOrWhiteSpace(openAI.ApiKey) ? "none" : "API key");
        }

        return new(false, null, null, null, null);
    }
}
