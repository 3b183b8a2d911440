using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Tools.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.UnitTests.Tools.Http;

public class HttpToolOptionsTests
{
    private static List<ValidationResult> ValidateOptions(HttpToolOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreThirtySecondsAndThirtyTwoThousandCharsAndNoHosts()
    {
        var options = new HttpToolOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(32_768, options.MaxResponseChars);
        Assert.Empty(options.AllowedHosts);
        Assert.Empty(ValidateOptions(options));
    }

    [Fact]
    public void Validate_BadHostEntry_NamesSettingAndEntry()
    {
        var options = new HttpToolOptions { AllowedHosts = { "api.example.com", "https://bad.example.com" } };

        var error = Assert.Single(ValidateOptions(options));

        Assert.StartsWith("Tools:Http:AllowedHosts:", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'https://bad.example.com'", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "Tools:Http:MaxResponseChars")]
    [InlineData(-5, "Tools:Http:MaxResponseChars")]
    public void Validate_MaxResponseCharsOutOfRange_NamesSetting(int maxChars, string setting)
    {
        var options = new HttpToolOptions { MaxResponseChars = maxChars };

        var error = Assert.Single(ValidateOptions(options));

        Assert.StartsWith(setting, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("02:00:00")]
    public void Validate_TimeoutOutOfRange_NamesSetting(string timeout)
    {
        var options = new HttpToolOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Single(ValidateOptions(options));

        Assert.StartsWith("Tools:Http:Timeout", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ConfigurationSection_ReadsEverySetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tools:Http:AllowedHosts:0"] = "api.example.com",
                ["Tools:Http:AllowedHosts:1"] = "*.internal.example",
                ["Tools:Http:Timeout"] = "00:00:05",
                ["Tools:Http:MaxResponseChars"] = "1000",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration);
        services.AddOptions<HttpToolOptions>().BindConfiguration(HttpToolOptions.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HttpToolOptions>>().Value;

        Assert.Equal(["api.example.com", "*.internal.example"], options.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(1000, options.MaxResponseChars);
    }

    [Fact]
    public void Bind_InvalidConfiguration_FailsNamingSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tools:Http:AllowedHosts:0"] = "api.example.com:99999" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<HttpToolOptions>().BindConfiguration(HttpToolOptions.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HttpToolOptions>>().Value);

        Assert.Contains("Tools:Http:AllowedHosts", exception.Message, StringComparison.Ordinal);
    }
}
