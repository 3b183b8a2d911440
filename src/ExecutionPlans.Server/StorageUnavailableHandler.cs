using ExecutionPlans.Server.Engine;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;

namespace ExecutionPlans.Server;

/// <summary>
/// Answers a request that failed because the engine's storage is out with 503, <c>Retry-After</c> and a problem that
/// names the storage (never its key), instead of a 500: the plans are safe in the storage, the request can be sent again.
/// </summary>
internal sealed partial class StorageUnavailableHandler(DurableEngine engine, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>How long a caller is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var reason = exception is RpcException { StatusCode: StatusCode.Unavailable } unavailable ? unavailable.Status.Detail : StorageFailure.Describe(exception);
        if (reason is null)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, reason);
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            $"{Unavailable(engine.Description, reason)} The plans are kept there; send the request again in {RetryAfter.TotalSeconds:0} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The plans' storage is unavailable.").ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>"The engine's storage (account … at …) cannot be reached: …", for the problem and the health report.</summary>
    public static string Unavailable(DurableEngineDescription engine, string reason)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Storage is { } storage
            ? $"The engine's storage ({storage}) cannot be reached: {reason}."
            : $"The engine does not answer: {reason}.";
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the storage is unavailable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
