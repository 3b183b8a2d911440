namespace ExecutionPlans.ModelClients;

/// <summary>An Azure OpenAI deployment to plan with, bound from the <c>AzureOpenAI</c> configuration section.</summary>
public sealed class AzureOpenAIOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "AzureOpenAI";

    /// <summary>The resource endpoint (<c>AzureOpenAI:Endpoint</c>), for example <c>https://myresource.openai.azure.com/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The deployment name (<c>AzureOpenAI:Deployment</c>).</summary>
    public string? Deployment { get; set; }

    /// <summary>The API key (<c>AzureOpenAI:ApiKey</c>); without one, Entra ID is used through <c>DefaultAzureCredential</c>.</summary>
    public string? ApiKey { get; set; }
}
