using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// Turns a storage outage under a sidecar call into gRPC's <see cref="StatusCode.Unavailable"/> with the reason, so the
/// app's client sees what happened instead of "Exception was thrown by handler" (<see cref="StatusCode.Unknown"/>).
/// </summary>
internal sealed partial class StorageFailureInterceptor(ILogger<StorageFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException && StorageFailure.Describe(exception) is { } reason)
        {
            LogUnavailable(logger, context.Method, reason);
            throw new RpcException(new Status(StatusCode.Unavailable, reason));
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The storage could not serve {Method}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string reason);
}
