namespace ExecutionPlans.ModelClients;

/// <summary>
/// An OpenAI-compatible endpoint to plan with (OpenAI, Ollama, LM Studio, a local test server),
/// bound from the <c>OpenAI</c> configuration section.
/// </summary>
public sealed class OpenAIOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "OpenAI";

    /// <summary>
    /// The API base URL (<c>OpenAI:BaseUrl</c>), including the version segment: requests go to
    /// <c>{BaseUrl}/chat/completions</c>, for example <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The model name (<c>OpenAI:Model</c>).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The API key (<c>OpenAI:ApiKey</c>), sent as a bearer token. Local servers need none; without one the
    /// placeholder <see cref="ChatClientFactory.PlaceholderApiKey"/> is sent, because the client library requires a key.
    /// </summary>
    public string? ApiKey { get; set; }
}
