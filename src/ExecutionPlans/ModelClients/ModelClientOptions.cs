using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.ModelClients;

/// <summary>How model requests are sent, bound from the <c>ModelClient</c> configuration section.</summary>
public sealed class ModelClientOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ModelClient";

    /// <summary>
    /// How many times a request that failed transiently (429, 5xx, network error) is retried, with back-off that
    /// honours the server's Retry-After (default 3; 0 disables retries).
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long one attempt may take before it is abandoned (default 100 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
