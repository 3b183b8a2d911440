using ExecutionPlans.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ExecutionPlans.Http;

/// <summary>OpenTelemetry for a host of the workflow: its spans and metrics, and the host's HTTP requests.</summary>
public static class PlanTelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable that switches the OTLP exporter on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Collects the <c>ExecutionPlans</c> source and meter and the host's incoming requests, named
    /// <c>OTEL_SERVICE_NAME</c> or <paramref name="serviceName"/>; exports them with OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the standard <c>OTEL_EXPORTER_OTLP_*</c> variables).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, environment variables included.</param>
    /// <param name="serviceName">The service name when <c>OTEL_SERVICE_NAME</c> is not set.</param>
    /// <returns>The OpenTelemetry builder, for more exporters.</returns>
    public static IOpenTelemetryBuilder AddPlanTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : serviceName))
            .WithTracing(tracing => tracing.AddSource(PlanTelemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(PlanTelemetry.Name).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }
}
