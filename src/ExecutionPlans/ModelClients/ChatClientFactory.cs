using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;
using OpenAI.Chat;

namespace ExecutionPlans.ModelClients;

/// <summary>
/// Makes the chat client plans are generated with, from the <c>AzureOpenAI</c>, <c>OpenAI</c> and
/// <c>ModelClient</c> settings.
/// </summary>
/// <remarks>
/// <para>A section counts as configured when any of its keys is set, and then it must be complete; an
/// incomplete or invalid section throws <see cref="ModelConfigurationException"/> naming the key, even if
/// the other section is complete. When both sections are complete, Azure OpenAI is used.</para>
/// <para>Transient failures (429, 5xx, network errors) are retried by the client pipeline, up to
/// <see cref="ModelClientOptions.MaxRetries"/> times with exponential back-off that honours Retry-After.</para>
/// </remarks>
public static class ChatClientFactory
{
    /// <summary>What to tell a caller who asked for a generated plan when no model is configured.</summary>
    public const string NotConfiguredMessage =
        "No model is configured. Set AzureOpenAI:Endpoint and AzureOpenAI:Deployment (AzureOpenAI:ApiKey is optional: " +
        "without it Entra ID is used), or OpenAI:BaseUrl and OpenAI:Model (OpenAI:ApiKey is optional) " +
        "for any OpenAI-compatible endpoint.";

    /// <summary>The bearer token sent to an OpenAI-compatible endpoint when <c>OpenAI:ApiKey</c> is not set.</summary>
    public const string PlaceholderApiKey = "no-api-key";

    /// <summary>Makes the chat client from the settings in <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration holding the <c>AzureOpenAI</c>, <c>OpenAI</c> and <c>ModelClient</c> sections.</param>
    /// <returns>The chat client, or <see langword="null"/> when no model is configured.</returns>
    /// <exception cref="ModelConfigurationException">A section is incomplete or invalid.</exception>
    public static IChatClient? Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Create(
            configuration.GetSection(AzureOpenAIOptions.SectionName).Get<AzureOpenAIOptions>() ?? new(),
            configuration.GetSection(OpenAIOptions.SectionName).Get<OpenAIOptions>() ?? new(),
            configuration.GetSection(ModelClientOptions.SectionName).Get<ModelClientOptions>() ?? new());
    }

    /// <summary>Makes the chat client from bound options.</summary>
    /// <param name="azureOpenAI">The Azure OpenAI settings.</param>
    /// <param name="openAI">The OpenAI-compatible endpoint settings.</param>
    /// <param name="modelClient">Retry and timeout settings.</param>
    /// <returns>The chat client, or <see langword="null"/> when neither section is configured.</returns>
    /// <exception cref="ModelConfigurationException">A section is incomplete or invalid.</exception>
    public static IChatClient? Create(AzureOpenAIOptions azureOpenAI, OpenAIOptions openAI, ModelClientOptions modelClient)
    {
        ArgumentNullException.ThrowIfNull(azureOpenAI);
        ArgumentNullException.ThrowIfNull(openAI);
        ArgumentNullException.ThrowIfNull(modelClient);
        ValidateClientOptions(modelClient);

        // Both sections are read before choosing, so a half-filled section is reported even when the other is complete.
        (Uri Endpoint, string Deployment)? azure = IsSet(azureOpenAI.Endpoint, azureOpenAI.Deployment, azureOpenAI.ApiKey)
            ? ReadAzure(azureOpenAI)
            : null;
        (Uri BaseUrl, string Model)? compatible = IsSet(openAI.BaseUrl, openAI.Model, openAI.ApiKey)
            ? ReadOpenAI(openAI)
            : null;

        if (azure is { } a)
        {
            return CreateAzure(a.Endpoint, a.Deployment, azureOpenAI.ApiKey, modelClient);
        }

        return compatible is { } c ? CreateOpenAI(c.BaseUrl, c.Model, openAI.ApiKey, modelClient) : null;
    }

    private static IChatClient CreateAzure(Uri endpoint, string deployment, string? apiKey, ModelClientOptions settings)
    {
        var clientOptions = new AzureOpenAIClientOptions();
        ApplyPipelineSettings(clientOptions, settings);
        var client = string.IsNullOrWhiteSpace(apiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), clientOptions);
        return Traced(client.GetChatClient(deployment).AsIChatClient());
    }

    private static IChatClient CreateOpenAI(Uri baseUrl, string model, string? apiKey, ModelClientOptions settings)
    {
        var clientOptions = new OpenAIClientOptions { Endpoint = baseUrl };
        ApplyPipelineSettings(clientOptions, settings);
        // The SDK requires a credential; servers that need none (Ollama, LM Studio) ignore the placeholder bearer token.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? PlaceholderApiKey : apiKey);
        return Traced(new ChatClient(model, credential, clientOptions).AsIChatClient());
    }

    /// <summary>Model calls as OpenTelemetry spans and metrics (the GenAI conventions), from the workflow's own source.</summary>
    private static IChatClient Traced(IChatClient client) =>
        client.AsBuilder().UseOpenTelemetry(sourceName: Telemetry.PlanTelemetry.Name).Build();

    private static void ApplyPipelineSettings(ClientPipelineOptions clientOptions, ModelClientOptions settings)
    {
        clientOptions.RetryPolicy = new ClientRetryPolicy(settings.MaxRetries);
        clientOptions.NetworkTimeout = settings.NetworkTimeout;
    }

    private static (Uri Endpoint, string Deployment) ReadAzure(AzureOpenAIOptions options)
    {
        var endpoint = RequireUrl(options.Endpoint, "AzureOpenAI:Endpoint", "AzureOpenAI:Deployment");
        var deployment = Require(options.Deployment, "AzureOpenAI:Deployment", "AzureOpenAI:Endpoint");
        return (endpoint, deployment);
    }

    private static (Uri BaseUrl, string Model) ReadOpenAI(OpenAIOptions options)
    {
        var baseUrl = RequireUrl(options.BaseUrl, "OpenAI:BaseUrl", "OpenAI:Model");
        var model = Require(options.Model, "OpenAI:Model", "OpenAI:BaseUrl");
        return (baseUrl, model);
    }

    private static string Require(string? value, string key, string partner) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ModelConfigurationException($"{key} is not set; it is needed together with {partner}. {NotConfiguredMessage}")
            : value.Trim();

    private static Uri RequireUrl(string? value, string key, string partner)
    {
        var text = Require(value, key, partner);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ModelConfigurationException($"{key} '{text}' is not an absolute http or https URL.");
    }

    private static void ValidateClientOptions(ModelClientOptions options)
    {
        if (options.MaxRetries < 0)
        {
            throw new ModelConfigurationException($"ModelClient:MaxRetries is {options.MaxRetries}; it must be 0 or more.");
        }

        if (options.NetworkTimeout <= TimeSpan.Zero)
        {
            throw new ModelConfigurationException($"ModelClient:NetworkTimeout is {options.NetworkTimeout}; it must be positive.");
        }
    }

    private static bool IsSet(params string?[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));
}
