using System.ComponentModel.DataAnnotations;
using ExecutionPlans.Server.Engine;

namespace ExecutionPlans.Server;

/// <summary>Reads and checks the engine settings before the app is built.</summary>
internal static class EngineSetup
{
    public static DurableEngineOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(DurableEngineOptions.SectionName).Get<DurableEngineOptions>() ?? new();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException("The DurableTask settings are not valid: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
        }

        return options;
    }

    /// <summary>The engine's own logging, configured from the same <c>Logging</c> section as the app's.</summary>
    public static ILoggerFactory CreateLoggerFactory(IConfiguration configuration) =>
        LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        }));
}
