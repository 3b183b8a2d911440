using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ExecutionPlans.Http;

/// <summary>
/// What the endpoints tell OpenAPI beyond their typed results: their bodies, query parameters, other media types and
/// headers. The handlers read bodies and query strings themselves, so that bad input gets a 400 that names what is
/// wrong, which leaves the framework nothing to infer them from.
/// </summary>
internal static class PlansOpenApi
{
    public const string Form = "application/x-www-form-urlencoded";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";

    /// <summary>The JSON body the handler reads, described by the schema of <typeparamref name="TBody"/>.</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, bool required) =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TBody), isOptional: !required));

    /// <summary>The form the handler reads: its fields, and which of them it needs.</summary>
    public static RouteHandlerBuilder AcceptsForm(this RouteHandlerBuilder builder, IReadOnlyDictionary<string, OpenApiSchema> fields, params string[] required) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Form] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = fields.ToDictionary(field => field.Key, field => (IOpenApiSchema)field.Value),
                            Required = new HashSet<string>(required, StringComparer.Ordinal),
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>A query parameter the handler reads.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, string description, OpenApiSchema? schema = null, bool required = false) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Required = required,
                Schema = schema ?? Text(),
            });
            return Task.CompletedTask;
        });

    /// <summary>Another media type of an answer its typed result declares: text, such as Markdown beside the JSON.</summary>
    public static RouteHandlerBuilder AlsoProducesText(this RouteHandlerBuilder builder, int statusCode, string contentType) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var response = Response(operation, statusCode);
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType { Schema = Text() };
            return Task.CompletedTask;
        });

    /// <summary>The <c>Location</c> header of an answer: where the plan (or the page) is.</summary>
    public static RouteHandlerBuilder WithLocation(this RouteHandlerBuilder builder, int statusCode, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var response = Response(operation, statusCode);
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Location"] = new OpenApiHeader { Description = description, Schema = Text() };
            return Task.CompletedTask;
        });

    /// <summary>A string, one of <paramref name="values"/>.</summary>
    public static OpenApiSchema OneOf(IEnumerable<string> values, string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))],
        Description = description,
    };

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, <paramref name="byDefault"/> when absent.</summary>
    public static OpenApiSchema WholeNumber(int minimum, int maximum, int byDefault) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = JsonValue.Create(byDefault),
    };

    /// <summary>A string.</summary>
    public static OpenApiSchema Text(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };

    /// <summary>The answer the endpoint's metadata declares for <paramref name="statusCode"/>, to add to.</summary>
    private static OpenApiResponse Response(OpenApiOperation operation, int statusCode) =>
        operation.Responses?.GetValueOrDefault(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)) as OpenApiResponse
            ?? throw new InvalidOperationException($"The operation {operation.OperationId} declares no {statusCode} answer to describe further.");
}
