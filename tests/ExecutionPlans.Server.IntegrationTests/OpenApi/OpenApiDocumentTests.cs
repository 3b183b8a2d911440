using System.Reflection;
using System.Text.Json.Serialization;
using ExecutionPlans.Http;
using ExecutionPlans.Http.Plans;
using Endpoints = ExecutionPlans.Http.Plans.PlansApi;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.OpenApi;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> against the routes: every operation at its route with its id, its body and query parameters,
/// and every status it answers with the schema of that answer; the server's 401 once callers must authenticate.
/// </summary>
public sealed partial class OpenApiDocumentTests(OpenApiServersFixture fixture) : IClassFixture<OpenApiServersFixture>
{
    private const string View = nameof(PlanView);
    private const string Problem = "ProblemDetails";
    private const string Invalid = "HttpValidationProblemDetails";
    private const string Page = "text/html";

    private static readonly int[] DecisionCodes = [202, 400, 403, 404, 409, 413, 415, 503];

    /// <summary>Each operation: its method and route, and each status it answers with what that answer holds.</summary>
    private static readonly Dictionary<string, (string Method, string Path, Dictionary<int, string> Answers)> Operations = new()
    {
        ["Health"] = ("GET", "/api/health", new() { [200] = "HealthReport", [503] = "HealthReport" }),
        [PlanOperations.CreatePlan] = ("POST", "/api/plans", new() { [202] = View, [400] = Invalid, [413] = Problem, [415] = Problem, [503] = Problem }),
        [PlanOperations.ListPlans] = ("GET", "/api/plans", new() { [200] = "PlanPage", [400] = Invalid, [503] = Problem }),
        [PlanOperations.GetPlan] = ("GET", "/api/plans/{id}", new() { [200] = View, [404] = Problem, [503] = Problem }),
        [PlanOperations.DeletePlan] = ("DELETE", "/api/plans/{id}", new() { [204] = string.Empty, [404] = Problem, [409] = Problem, [503] = Problem }),
        [PlanOperations.ApprovePlan] = ("POST", "/api/plans/{id}/approve", Decision()),
        [PlanOperations.ModifyPlan] = ("POST", "/api/plans/{id}/modify", Decision()),
        [PlanOperations.RejectPlan] = ("POST", "/api/plans/{id}/reject", Decision()),
        [PlanOperations.RetryPlan] = ("POST", "/api/plans/{id}/retry", Decision()),
        [PlanOperations.CancelPlan] = ("POST", "/api/plans/{id}/cancel", Decision()),
        [PlanOperations.ApproveStep] = ("POST", "/api/plans/{id}/steps/{stepId}/approve", Decision()),
        [PlanOperations.SkipStep] = ("POST", "/api/plans/{id}/steps/{stepId}/skip", Decision()),
        [PlanOperations.RejectStep] = ("POST", "/api/plans/{id}/steps/{stepId}/reject", Decision()),
        [PlanOperations.GetReviewPage] = ("GET", "/api/plans/{id}/review", Pages(200, 403, 404, 409, 410, 503)),
        [PlanOperations.SubmitReview] = ("POST", "/api/plans/{id}/review", Pages(303, 400, 403, 404, 409, 410, 413, 415, 503)),
        [PlanOperations.ListApprovals] = ("GET", "/api/approvals", new() { [200] = "PendingDecisions", [400] = Invalid, [403] = Problem, [503] = Problem }),
        [PlanOperations.ListTools] = ("GET", "/api/tools", new() { [200] = "ToolDescription[]" }),
    };

    /// <summary>The operations anyone may call, also once callers must authenticate.</summary>
    private static readonly string[] Anonymous = ["Health", PlanOperations.GetReviewPage, PlanOperations.SubmitReview];

    public static TheoryData<string> OperationIds { get; } = [.. Operations.Keys];

    [Fact]
    public void GetDocument_OpenServer_IsValidOpenApi()
    {
        var document = fixture.OpenDocument;

        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet());

        Assert.Empty(fixture.OpenDiagnostic.Errors);
        Assert.Empty(errors ?? []);
        Assert.False(string.IsNullOrWhiteSpace(document.Info?.Title));
    }

    [Fact]
    public void GetDocument_EveryRoute_IsListedWithItsOperationId()
    {
        // Arrange: every operation name of the plan API has a row above, so a new route cannot go unchecked.
        var names = typeof(PlanOperations).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);
        Assert.All(names, name => Assert.Contains(name, Operations.Keys));

        // Act
        var listed = from path in fixture.OpenDocument.Paths
                     from operation in path.Value.Operations ?? []
                     select (Id: operation.Value.OperationId, Method: operation.Key.Method, Path: path.Key);

        // Assert
        Assert.Equal(
            Operations.Select(row => (Id: (string?)row.Key, row.Value.Method, row.Value.Path)).OrderBy(row => row.Id, StringComparer.Ordinal),
            listed.OrderBy(row => row.Id, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public void GetDocument_Operation_ListsEveryStatusItAnswersWithItsSchema(string operationId)
    {
        var operation = OperationOf(fixture.OpenDocument, operationId);

        var answers = operation.Responses ?? [];

        var expected = Operations[operationId].Answers;
        Assert.Equal(expected.Keys.Select(Code).Order(StringComparer.Ordinal), answers.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, holds) in expected)
        {
            AssertAnswer(operationId, code, holds, answers[Code(code)]);
        }
    }

    [Fact]
    public void GetDocument_AuthenticatedServer_Lists401AndTheWaysToAuthenticateWhereCallersMust()
    {
        var document = fixture.AuthenticatedDocument;

        var schemes = document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();

        Assert.Equal(SecuritySchemeType.Http, schemes["Bearer"].Type);
        Assert.Equal("bearer", schemes["Bearer"].Scheme);
        Assert.Equal(SecuritySchemeType.ApiKey, schemes["ApiKey"].Type);
        Assert.Equal(ParameterLocation.Header, schemes["ApiKey"].In);
        Assert.Equal("X-API-Key", schemes["ApiKey"].Name);
        foreach (var operationId in Operations.Keys)
        {
            var operation = OperationOf(document, operationId);
            var answers = operation.Responses ?? [];
            var requirements = (operation.Security ?? []).SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference.Id).ToList();
            if (Anonymous.Contains(operationId))
            {
                Assert.DoesNotContain("401", answers.Keys);
                Assert.Empty(requirements);
            }
            else
            {
                Assert.True(answers.ContainsKey("401"), $"{operationId} does not list 401.");
                AssertAnswer(operationId, 401, Problem, answers["401"]);
                Assert.Equal(["ApiKey", "Bearer"], requirements.Order(StringComparer.Ordinal));
            }

            // Otherwise the same answers as on the open server.
            Assert.Equal(Operations[operationId].Answers.Keys.Select(Code).Order(StringComparer.Ordinal), answers.Keys.Where(code => code != "401").Order(StringComparer.Ordinal));
        }

        Assert.Empty(fixture.OpenDocument.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>());
    }

    [Fact]
    public void GetDocument_PlanView_HasEveryPropertyOfThePlanView()
    {
        var schema = Component(fixture.OpenDocument, View);

        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();

        Assert.Equal(JsonNames<PlanView>(), properties.Keys.Order(StringComparer.Ordinal));
        Assert.Subset(properties.Keys.ToHashSet(), new HashSet<string> { "id", "status", "version", "steps", "planHash", "approvals", "decisions", "revisions", "checkpoints" });
        Assert.Equal(
            Enum.GetValues<PlanStatus>().Select(status => status.ToWireName()),
            properties["status"].Enum?.Select(value => value?.GetValue<string>()));
        Assert.Equal(nameof(ExecutionStep), ReferenceId(properties["steps"].Items));
        Assert.Equal(JsonNames<ExecutionStep>(), Component(fixture.OpenDocument, nameof(ExecutionStep)).Properties?.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GetDocument_CreateAndDecisionBodies_HaveTheirSchemas()
    {
        var document = fixture.OpenDocument;

        var create = OperationOf(document, PlanOperations.CreatePlan).RequestBody;

        Assert.True(create?.Required, "The create body is not required.");
        Assert.Equal(nameof(CreatePlanRequest), ReferenceId(create!.Content?["application/json"].Schema));
        Assert.Equal(JsonNames<CreatePlanRequest>(), Component(document, nameof(CreatePlanRequest)).Properties?.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(JsonNames<DecisionBody>(), Component(document, nameof(DecisionBody)).Properties?.Keys.Order(StringComparer.Ordinal));
        foreach (var (operationId, _) in Operations.Where(row => row.Value.Answers.ContainsKey(202) && row.Key != PlanOperations.CreatePlan))
        {
            var body = OperationOf(document, operationId).RequestBody;
            Assert.False(body?.Required ?? true, $"The body of {operationId} is required, or missing.");
            Assert.Equal(nameof(DecisionBody), ReferenceId(body!.Content?["application/json"].Schema));
        }

        var form = OperationOf(document, PlanOperations.SubmitReview).RequestBody?.Content?["application/x-www-form-urlencoded"].Schema;
        Assert.Equal(["action", "comment", "csrf", "feedback", "reason", "token"], form?.Properties?.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["action", "csrf"], form?.Required?.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GetDocument_ListAndPageRoutes_HaveTheirQueryParameters()
    {
        var document = fixture.OpenDocument;

        var list = QueryOf(document, PlanOperations.ListPlans);

        Assert.Equal(["continuationToken", "status", "top"], list.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<PlanStatus>().Select(status => status.ToWireName()), list["status"].Schema?.Enum?.Select(value => value?.GetValue<string>()));
        Assert.Equal(JsonSchemaType.Integer, list["top"].Schema?.Type);
        Assert.Equal("1", list["top"].Schema?.Minimum);
        Assert.Equal(Endpoints.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), list["top"].Schema?.Maximum);
        Assert.Equal(Endpoints.DefaultPageSize, list["top"].Schema?.Default?.GetValue<int>());
        Assert.Equal(JsonSchemaType.String, list["continuationToken"].Schema?.Type);
        Assert.All(list.Values, parameter => Assert.False(parameter.Required));
        Assert.Equal(["approver", "continuationToken"], QueryOf(document, PlanOperations.ListApprovals).Keys.Order(StringComparer.Ordinal));
        var review = QueryOf(document, PlanOperations.GetReviewPage);
        Assert.Equal(["action", "sent", "token"], review.Keys.Order(StringComparer.Ordinal));
        Assert.True(review["token"].Required);
    }

    private static Dictionary<int, string> Decision() => DecisionCodes.ToDictionary(code => code, code => code switch
    {
        202 => View,
        400 => Invalid,
        _ => Problem,
    });

    private static Dictionary<int, string> Pages(params int[] codes) => codes.ToDictionary(code => code, _ => Page);

    private static string Code(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Checks one answer: a page, no body, a problem, or JSON of a schema (<c>Name[]</c> for an array of it).</summary>
    private static void AssertAnswer(string operationId, int code, string holds, IOpenApiResponse answer)
    {
        var content = answer.Content ?? new Dictionary<string, OpenApiMediaType>();
        var what = $"{operationId} {code}";
        switch (holds)
        {
            case Page:
                Assert.Equal([Page], content.Keys);
                Assert.Equal(JsonSchemaType.String, content[Page].Schema?.Type);
                break;
            case "":
                Assert.Empty(content);
                break;
            case Problem or Invalid when code >= 400:
                Assert.True(content.ContainsKey("application/problem+json"), $"{what} is not a problem: {string.Join(", ", content.Keys)}.");
                Assert.Equal(holds, ReferenceId(content["application/problem+json"].Schema));
                break;
            default:
                Assert.True(content.ContainsKey("application/json"), $"{what} is not JSON: {string.Join(", ", content.Keys)}.");
                var schema = content["application/json"].Schema;
                Assert.Equal(holds.TrimEnd('[', ']'), ReferenceId(holds.EndsWith("[]", StringComparison.Ordinal) ? schema?.Items : schema));
                break;
        }

        if (code is 202 or 303)
        {
            Assert.True(answer.Headers?.ContainsKey("Location"), $"{what} has no Location header.");
        }
    }

    private static OpenApiOperation OperationOf(OpenApiDocument document, string operationId) =>
        Assert.Single(
            from path in document.Paths
            from operation in path.Value.Operations ?? []
            where operation.Value.OperationId == operationId
            select operation.Value);

    private static Dictionary<string, IOpenApiParameter> QueryOf(OpenApiDocument document, string operationId) =>
        (OperationOf(document, operationId).Parameters ?? []).Where(p => p.In == ParameterLocation.Query).ToDictionary(p => p.Name!);

    private static IOpenApiSchema Component(OpenApiDocument document, string name) =>
        document.Components?.Schemas is { } schemas && schemas.TryGetValue(name, out var schema)
            ? schema
            : throw new Xunit.Sdk.XunitException($"The document has no schema {name}.");

    private static string? ReferenceId(IOpenApiSchema? schema) => (schema as OpenApiSchemaReference)?.Reference.Id;

    /// <summary>The JSON names of the type's properties, as the API writes them.</summary>
    private static IOrderedEnumerable<string> JsonNames<T>() =>
        typeof(T).GetProperties()
            .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
}
