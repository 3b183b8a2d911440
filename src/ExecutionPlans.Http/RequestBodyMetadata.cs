using Microsoft.AspNetCore.Http.Metadata;

namespace ExecutionPlans.Http;

/// <summary>
/// The JSON body an endpoint's handler reads itself, for OpenAPI: its type, and whether it may be left out. It names no
/// content type on purpose: routing refuses the content types an endpoint's accepts metadata does not list, with a bare
/// 415, before the handler can say what to send. Without any, routing lets every request through to the handler (which
/// answers 415 itself, with the reason) and OpenAPI describes the body as <c>application/json</c>.
/// </summary>
/// <param name="requestType">The body's type.</param>
/// <param name="isOptional">Whether a request may come without a body.</param>
internal sealed class RequestBodyMetadata(Type requestType, bool isOptional) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType => requestType;

    public bool IsOptional => isOptional;
}
