using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>
/// A client that knows the API only from its OpenAPI document, as a generated one would: it finds an operation by its
/// id, fills in the path's parameters, sends a body only in a media type the operation takes and only if it conforms to
/// the body's schema, and accepts only answers whose status and media type the operation lists, with a body that
/// conforms to that answer's schema. It sends the API key in the header the document's <c>ApiKey</c> scheme names.
/// </summary>
internal sealed class DocumentClient(HttpClient http, OpenApiDocument document, string? apiKey = null)
{
    /// <summary>The operation with the id, its method and its path template.</summary>
    public (HttpMethod Method, string Path, OpenApiOperation Operation) Find(string operationId)
    {
        var found = (from path in document.Paths
                     from operation in path.Value.Operations ?? []
                     where operation.Value.OperationId == operationId
                     select (operation.Key, path.Key, operation.Value)).ToList();
        Assert.True(found.Count == 1, $"The document has {found.Count} operations with the id {operationId}.");
        return found[0];
    }

    /// <summary>Calls the operation; fails unless the request and the answer are what the document says.</summary>
    /// <param name="operationId">The operation.</param>
    /// <param name="pathValues">The path's parameters, by name.</param>
    /// <param name="body">The JSON body, if any.</param>
    /// <param name="accept">The media type asked for, if any.</param>
    /// <returns>The answer, with its body as text.</returns>
    public async Task<DocumentAnswer> CallAsync(string operationId, IReadOnlyDictionary<string, string>? pathValues = null, JsonNode? body = null, string? accept = null)
    {
        var (method, template, operation) = Find(operationId);
        var path = template;
        foreach (var parameter in operation.Parameters?.Where(p => p.In == ParameterLocation.Path) ?? [])
        {
            Assert.True(pathValues?.ContainsKey(parameter.Name!) == true, $"{operationId} needs the path parameter {parameter.Name}.");
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(pathValues![parameter.Name!]), StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            var content = Lookup(operation.RequestBody?.Content, "application/json");
            Assert.True(content?.Schema is not null, $"{operationId} takes no JSON body.");
            AssertConforms(body, content!.Schema!, $"The body sent to {operationId}");
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        else if (operation.RequestBody is { } optional)
        {
            Assert.False(optional.Required, $"{operationId} needs a body.");
            request.Content = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (apiKey is not null)
        {
            var scheme = Lookup(document.Components?.SecuritySchemes, "ApiKey");
            Assert.True(scheme is { In: ParameterLocation.Header, Name: not null }, "The document names no header for API keys.");
            request.Headers.Add(scheme!.Name!, apiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = Lookup(operation.Responses, status);
        Assert.True(answer is not null, $"{operationId} answered {status}, which the document does not list: {text}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null)
        {
            var declared = Lookup(answer!.Content, mediaType);
            Assert.True(declared is not null, $"{operationId} answered {status} as {mediaType}, which the document does not list for it.");
            if (mediaType.EndsWith("json", StringComparison.Ordinal))
            {
                AssertConforms(JsonNode.Parse(text), declared!.Schema!, $"The {status} answer of {operationId}", closed: response.IsSuccessStatusCode);
            }
        }

        return new DocumentAnswer((int)response.StatusCode, mediaType, text, response.Headers.Location?.OriginalString, answer!);
    }

    /// <summary>Fails with every mismatch unless <paramref name="value"/> conforms to <paramref name="schema"/>.</summary>
    public static void AssertConforms(JsonNode? value, IOpenApiSchema schema, string what, bool closed = true)
    {
        var mismatches = SchemaConformance.Mismatches(value, schema, closed);
        Assert.True(mismatches.Count == 0, $"{what} does not conform to its schema:\n{string.Join('\n', mismatches)}");
    }

    private static TValue? Lookup<TValue>(IDictionary<string, TValue>? values, string key)
        where TValue : class =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;
}
