using ExecutionPlans.Server.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;

namespace ExecutionPlans.Server;

/// <summary>
/// The server's part of <c>/openapi/v1.json</c>: what it answers beyond the endpoints' own descriptions. Once callers
/// must authenticate, every route but the anonymous ones answers 401 and names the ways to authenticate; every route
/// that uses the engine answers 503 while the engine's storage cannot be reached (<see cref="StorageUnavailableHandler"/>).
/// </summary>
internal static class ServerOpenApi
{
    private const string ProblemJson = "application/problem+json";
    private const string BearerScheme = "Bearer";
    private const string ApiKeyScheme = "ApiKey";

    /// <summary>Adds the document, titled, with the ways to authenticate when there are any.</summary>
    public static IServiceCollection AddServerOpenApi(this IServiceCollection services, ServerAuthenticationOptions callers)
    {
        ArgumentNullException.ThrowIfNull(callers);
        return services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Execution plans";
                document.Info.Description = "Plans of tool calls that people approve before they run: propose, review, decide, follow.";
                if (callers.IsConfigured)
                {
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                    foreach (var (name, scheme) in Schemes(callers))
                    {
                        document.Components.SecuritySchemes[name] = scheme;
                    }
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (operation.Responses?.ContainsKey("401") == true && context.Document is { } document)
                {
                    // Any one of the schemes will do.
                    operation.Security = [.. Schemes(callers).Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme.Name, document)] = [] })];
                }

                return Task.CompletedTask;
            });
        });
    }

    /// <summary>Declares the 401 and 503 answers the server adds to the endpoints of <paramref name="builder"/>.</summary>
    public static TBuilder WithServerAnswers<TBuilder>(this TBuilder builder, ServerAuthenticationOptions callers)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(callers);

        // Last, so the endpoint's own metadata (AllowAnonymous, its answers) is there to read.
        builder.Finally(endpoint =>
        {
            if (callers.IsConfigured && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                AddProblem(endpoint, StatusCodes.Status401Unauthorized);
            }

            if (endpoint.Metadata.OfType<System.Reflection.MethodInfo>().Any(handler => handler.GetParameters().Any(p => p.ParameterType == typeof(DurableTaskClient))))
            {
                AddProblem(endpoint, StatusCodes.Status503ServiceUnavailable);
            }
        });
        return builder;
    }

    private static void AddProblem(EndpointBuilder endpoint, int statusCode)
    {
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(answer => answer.StatusCode == statusCode))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ProblemJson]));
        }
    }

    private static IEnumerable<(string Name, OpenApiSecurityScheme Scheme)> Schemes(ServerAuthenticationOptions callers)
    {
        var how = "Callers " + CallerAuthenticationHandler.HowToAuthenticate(callers);
        yield return (BearerScheme, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = how });
        if (callers.ApiKeys.Count > 0)
        {
            yield return (ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = CallerAuthenticationHandler.ApiKeyHeader,
                Description = how,
            });
        }
    }
}
