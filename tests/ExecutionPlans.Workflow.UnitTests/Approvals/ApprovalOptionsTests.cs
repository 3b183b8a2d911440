using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Workflow.UnitTests.Approvals;

public sealed class ApprovalOptionsTests
{
    [Theory]
    [InlineData("P3D", 3 * 24 * 60)]
    [InlineData("PT30M", 30)]
    [InlineData("p1dt2h", 26 * 60)]
    [InlineData(" PT1H ", 60)]
    [InlineData("P1DT1H30M", 24 * 60 + 90)]
    [InlineData("3.00:00:00", 3 * 24 * 60)]
    [InlineData("00:30:00", 30)]
    [InlineData("1:00", 60)]
    public void TryParseDuration_IsoOrTimeSpan_Parses(string text, int expectedMinutes)
    {
        // Arrange
        var expected = TimeSpan.FromMinutes(expectedMinutes);

        // Act
        var parsed = ApprovalOptions.TryParseDuration(text, out var duration);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("P")]
    [InlineData("P3")]
    [InlineData("PT0S")]
    [InlineData("00:00:00")]
    [InlineData("-P1D")]
    [InlineData("-01:00:00")]
    [InlineData("P99999999999999D")]
    public void TryParseDuration_NotAPositiveDuration_Fails(string? text)
    {
        // Arrange
        var options = new ApprovalOptions { Timeout = text! };

        // Act
        var parsed = ApprovalOptions.TryParseDuration(text, out _);

        // Assert
        Assert.False(parsed);
        Assert.Equal(TimeSpan.FromDays(3), options.DefaultTimeout);
    }

    [Fact]
    public void DefaultTimeout_Valid_IsTheParsedValue()
    {
        // Arrange
        var options = new ApprovalOptions { Timeout = "PT45M" };

        // Act
        var timeout = options.DefaultTimeout;

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(45), timeout);
    }

    [Fact]
    public void DefaultTimeout_Default_IsThreeDays()
    {
        // Arrange
        var options = new ApprovalOptions();

        // Act
        var timeout = options.DefaultTimeout;

        // Assert
        Assert.Equal("P3D", options.Timeout);
        Assert.Equal(TimeSpan.FromDays(3), timeout);
    }

    [Fact]
    public void Validate_InvalidTimeout_NamesTheSetting()
    {
        // Arrange
        var options = new ApprovalOptions { Timeout = "soon" };
        var results = new List<ValidationResult>();

        // Act
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        // Assert
        Assert.False(valid);
        var result = Assert.Single(results);
        Assert.Contains("Approvals:Timeout", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'soon'", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([nameof(ApprovalOptions.Timeout)], result.MemberNames);
    }

    [Fact]
    public void Validate_ValidTimeout_HasNoErrors()
    {
        // Arrange
        var options = new ApprovalOptions { Timeout = "2.00:00:00" };
        var results = new List<ValidationResult>();

        // Act
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        // Assert
        Assert.True(valid);
        Assert.Empty(results);
    }

    [Fact]
    public void AddExecutionPlanWorkflow_InvalidTimeoutInConfiguration_FailsNamingTheSetting()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Approvals:Timeout"] = "next week" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddExecutionPlanWorkflow();
        using var provider = services.BuildServiceProvider();

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ApprovalOptions>>().Value);

        // Assert
        Assert.Contains("Approvals:Timeout", exception.Message, StringComparison.Ordinal);
        Assert.Contains("next week", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddExecutionPlanWorkflow_TimeoutInConfiguration_IsBound()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Approvals:Timeout"] = "PT2H" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddExecutionPlanWorkflow();
        using var provider = services.BuildServiceProvider();

        // Act
        var options = provider.GetRequiredService<IOptions<ApprovalOptions>>().Value;

        // Assert
        Assert.Equal(TimeSpan.FromHours(2), options.DefaultTimeout);
    }
}
