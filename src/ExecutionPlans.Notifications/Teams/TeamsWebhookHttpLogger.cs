using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Notifications.Teams;

/// <summary>
/// Logs the Teams channel's HTTP calls in place of the HTTP client factory's own logging, which writes the whole
/// request URL: a webhook URL carries its secret in the path (Incoming Webhook) or the query (Workflows), so these
/// lines name only the host. The category is the factory's, <c>System.Net.Http.HttpClient.&lt;client name&gt;</c>, so
/// the same log filters apply.
/// </summary>
internal sealed partial class TeamsWebhookHttpLogger(ILogger logger) : IHttpClientLogger
{
    /// <summary>The category these lines are logged under.</summary>
    public const string Category = "System.Net.Http.HttpClient." + TeamsNotificationChannel.HttpClientName;

    public object? LogRequestStart(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogSending(logger, request.Method.Method, HostOf(request));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        LogAnswered(logger, HostOf(request), (int)response.StatusCode, elapsed.TotalMilliseconds);
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogFailed(logger, exception, request.Method.Method, HostOf(request), elapsed.TotalMilliseconds);
    }

    private static string HostOf(HttpRequestMessage request) => request.RequestUri?.Host ?? "(no address)";

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Sending {Method} to the Teams webhook at {Host}")]
    private static partial void LogSending(ILogger logger, string method, string host);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "The Teams webhook at {Host} answered {StatusCode} after {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string host, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "The {Method} to the Teams webhook at {Host} failed after {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string host, double elapsedMilliseconds);
}
