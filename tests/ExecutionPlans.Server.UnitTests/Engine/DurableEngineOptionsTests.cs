using ExecutionPlans.Server.Engine;
using Microsoft.Extensions.Configuration;

namespace ExecutionPlans.Server.UnitTests.Engine;

public sealed class DurableEngineOptionsTests
{
    [Fact]
    public void ReadOptions_NothingConfigured_HasTheDocumentedDefaults()
    {
        // Act
        var options = EngineSetup.ReadOptions(Configuration());

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), options.OrchestrationLockTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ActivityLockTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseAcquireInterval);
        Assert.Equal(4, options.PartitionCount);
    }

    [Theory]
    [InlineData("OrchestrationLockTimeout", "00:00:02", "DurableTask:OrchestrationLockTimeout")]
    [InlineData("OrchestrationLockTimeout", "00:11:00", "DurableTask:OrchestrationLockTimeout")]
    [InlineData("LeaseInterval", "00:00:04", "DurableTask:LeaseInterval")]
    [InlineData("LeaseAcquireInterval", "00:00:16", "DurableTask:LeaseAcquireInterval")]
    [InlineData("LeaseAcquireInterval", "00:00:00.500", "DurableTask:LeaseAcquireInterval")]
    [InlineData("PartitionCount", "0", "DurableTask:PartitionCount")]
    [InlineData("PartitionCount", "17", "DurableTask:PartitionCount")]
    public void ReadOptions_SettingOutOfRange_ThrowsNamingIt(string key, string value, string named)
    {
        // Arrange
        var configuration = Configuration(("DurableTask:" + key, value));

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => EngineSetup.ReadOptions(configuration));

        // Assert
        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOptions_ShorterLeaseWithAcquireIntervalOfHalfOfIt_IsValid()
    {
        // Act
        var options = EngineSetup.ReadOptions(Configuration(("DurableTask:LeaseInterval", "00:00:10"), ("DurableTask:LeaseAcquireInterval", "00:00:05")));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LeaseAcquireInterval);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build();
}
