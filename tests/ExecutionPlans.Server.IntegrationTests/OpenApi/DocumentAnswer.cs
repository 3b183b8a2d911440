using Microsoft.OpenApi;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>An answer as <see cref="DocumentClient"/> checked it.</summary>
/// <param name="Status">The status code.</param>
/// <param name="MediaType">The media type of the body, if any.</param>
/// <param name="Body">The body.</param>
/// <param name="Location">The <c>Location</c> header, if any.</param>
/// <param name="Declared">What the document says of this answer.</param>
internal sealed record DocumentAnswer(int Status, string? MediaType, string Body, string? Location, IOpenApiResponse Declared);
