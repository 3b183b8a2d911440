using ExecutionPlans.ModelClients;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace ExecutionPlans.UnitTests.ModelClients;

public class ChatClientFactoryTests
{
    private static readonly AzureOpenAIOptions Azure = new() { Endpoint = "https://res.openai.azure.com/", Deployment = "planner", ApiKey = "key" };
    private static readonly OpenAIOptions Compatible = new() { BaseUrl = "http://localhost:11434/v1", Model = "llama3" };

    [Fact]
    public void Create_NothingConfigured_ReturnsNull()
    {
        var client = ChatClientFactory.Create(new AzureOpenAIOptions(), new OpenAIOptions(), new ModelClientOptions());

        Assert.Null(client);
    }

    [Fact]
    public void Create_OpenAICompatibleOnly_UsesBaseUrlAndModel()
    {
        var client = ChatClientFactory.Create(new AzureOpenAIOptions(), Compatible, new ModelClientOptions());

        var metadata = client!.GetService<ChatClientMetadata>()!;
        Assert.Equal(new Uri("http://localhost:11434/v1"), metadata.ProviderUri);
        Assert.Equal("llama3", metadata.DefaultModelId);
    }

    [Fact]
    public void Create_BothConfigured_UsesAzureOpenAI()
    {
        var client = ChatClientFactory.Create(Azure, Compatible, new ModelClientOptions());

        var metadata = client!.GetService<ChatClientMetadata>()!;
        Assert.Equal(new Uri("https://res.openai.azure.com/"), metadata.ProviderUri);
        Assert.Equal("planner", metadata.DefaultModelId);
    }

    [Fact]
    public void Create_AzureWithoutApiKey_UsesEntraIdWithoutCallingIt()
    {
        var client = ChatClientFactory.Create(new AzureOpenAIOptions { Endpoint = Azure.Endpoint, Deployment = "planner" }, new OpenAIOptions(), new ModelClientOptions());

        Assert.Equal("planner", client!.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com/", null, null, null, "AzureOpenAI:Deployment is not set")]
    [InlineData(null, "planner", null, null, "AzureOpenAI:Endpoint is not set")]
    [InlineData(null, null, "http://localhost:11434/v1", null, "OpenAI:Model is not set")]
    [InlineData(null, null, null, "llama3", "OpenAI:BaseUrl is not set")]
    [InlineData("res.openai.azure.com", "planner", null, null, "AzureOpenAI:Endpoint 'res.openai.azure.com' is not an absolute http or https URL")]
    [InlineData(null, null, "ftp://models/v1", "llama3", "OpenAI:BaseUrl 'ftp://models/v1' is not an absolute http or https URL")]
    public void Create_IncompleteSection_ThrowsNamingTheKey(string? endpoint, string? deployment, string? baseUrl, string? model, string expected)
    {
        var azure = new AzureOpenAIOptions { Endpoint = endpoint, Deployment = deployment };
        var openAI = new OpenAIOptions { BaseUrl = baseUrl, Model = model };

        var exception = Assert.Throws<ModelConfigurationException>(() => ChatClientFactory.Create(azure, openAI, new ModelClientOptions()));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnlyApiKeySet_ThrowsNamingTheMissingKeys()
    {
        var exception = Assert.Throws<ModelConfigurationException>(
            () => ChatClientFactory.Create(new AzureOpenAIOptions(), new OpenAIOptions { ApiKey = "key" }, new ModelClientOptions()));

        Assert.Contains("OpenAI:BaseUrl", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AzureCompleteButOpenAIHalfSet_StillThrows()
    {
        var exception = Assert.Throws<ModelConfigurationException>(
            () => ChatClientFactory.Create(Azure, new OpenAIOptions { Model = "llama3" }, new ModelClientOptions()));

        Assert.StartsWith("OpenAI:BaseUrl is not set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeRetries_ThrowsNamingTheKey()
    {
        var exception = Assert.Throws<ModelConfigurationException>(
            () => ChatClientFactory.Create(new AzureOpenAIOptions(), Compatible, new ModelClientOptions { MaxRetries = -1 }));

        Assert.Contains("ModelClient:MaxRetries", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Configuration_BindsTheDesignKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpenAI:BaseUrl"] = "http://127.0.0.1:1234/v1",
                ["OpenAI:Model"] = "local-model",
                ["ModelClient:MaxRetries"] = "1",
                ["ModelClient:NetworkTimeout"] = "00:00:30",
            })
            .Build();

        var client = ChatClientFactory.Create(configuration);

        var metadata = client!.GetService<ChatClientMetadata>()!;
        Assert.Equal(new Uri("http://127.0.0.1:1234/v1"), metadata.ProviderUri);
        Assert.Equal("local-model", metadata.DefaultModelId);
    }

    [Fact]
    public void NotConfiguredMessage_NamesEveryKey()
    {
        var message = ChatClientFactory.NotConfiguredMessage;

        foreach (var key in new[] { "AzureOpenAI:Endpoint", "AzureOpenAI:Deployment", "AzureOpenAI:ApiKey", "OpenAI:BaseUrl", "OpenAI:Model", "OpenAI:ApiKey" })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }
}
