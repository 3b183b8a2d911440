using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExecutionPlans.Http;

/// <summary>
/// The problem-details answers of the plan endpoints, as typed results: a validation problem for 400 (its OpenAPI
/// metadata comes with the type), and a problem (<c>application/problem+json</c>) for every other status, which the
/// endpoints declare with <c>ProducesProblem</c>.
/// </summary>
internal static class Problems
{
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail, title: "The request is not valid.");

    public static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem(
            $"The body is larger than {maxBytes} bytes, the most this API accepts (Workflow:MaxRequestBodyBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request is too large.");

    public static ProblemHttpResult NotJson(string? contentType) =>
        TypedResults.Problem(
            contentType is { Length: > 0 }
                ? $"The body is '{(contentType.Length <= 100 ? contentType : contentType[..100])}'; this route takes JSON: send Content-Type: application/json."
                : "This route takes JSON: send Content-Type: application/json (also when the body is empty).",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "The request is not JSON.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "No such plan.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The plan is not in a state that allows this.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "You may not do this.");

    public static ProblemHttpResult ModelNotConfigured(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No model is configured.");
}
