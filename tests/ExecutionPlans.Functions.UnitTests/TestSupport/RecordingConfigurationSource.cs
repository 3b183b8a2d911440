using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>An in-memory configuration that records every key the app looks up, so its settings can be listed.</summary>
internal sealed class RecordingConfigurationSource(IDictionary<string, string?> values) : IConfigurationSource
{
    public HashSet<string> LookedUp { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, values);

    private sealed class Provider(RecordingConfigurationSource source, IDictionary<string, string?> values)
        : MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = values })
    {
        public override bool TryGet(string key, out string? value)
        {
            source.LookedUp.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
