using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Tools.Http;

/// <summary>Registers the <c>http_request</c> tool.</summary>
public static class HttpRequestToolServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HttpRequestTool"/> as a <see cref="PlanTool"/>, with <see cref="HttpToolOptions"/> bound from
    /// <c>Tools:Http</c> and validated at start-up, and a typed <see cref="HttpClient"/> that does not follow redirects.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The client builder, to add handlers or resilience.</returns>
    public static IHttpClientBuilder AddHttpRequestTool(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HttpToolOptions>()
            .BindConfiguration(HttpToolOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The tool lives as long as the catalog (a singleton), so it keeps its client: the handler is never
        // rotated, and pooled connections are recycled instead so that DNS changes are still seen.
        var client = services.AddHttpClient<HttpRequestTool>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<PlanTool>(provider => provider.GetRequiredService<HttpRequestTool>());
        return client;
    }
}
