using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>The Functions app's services, composed as Program.cs composes them, over an in-memory configuration.</summary>
internal static class TestServices
{
    /// <summary>A host the http_request tool may call in tests; nothing listens there and no test calls it.</summary>
    public const string AllowedHost = "allowed.example";

    public static IConfiguration Configuration(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Tools:Http:AllowedHosts:0"] = AllowedHost,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static IServiceCollection Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);

        // The worker's web host provides its lifetime and diagnostic listener, which the MCP gate's routing takes.
        services.AddLogging();
        services.AddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddFunctionsApp(configuration);
        return services;
    }

    public static ServiceProvider Build(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var services = Compose(Configuration(settings));
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
