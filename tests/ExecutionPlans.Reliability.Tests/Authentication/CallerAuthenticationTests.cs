using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using static ExecutionPlans.Reliability.Tests.Authentication.AuthenticatedServerFixture;

namespace ExecutionPlans.Reliability.Tests.Authentication;

/// <summary>
/// Requests to a server that requires callers: without a credential or with a wrong one the API answers 401 with a
/// problem and a Bearer challenge; an API key in either header, or a token of the configured authority, names the
/// caller, who is recorded as the requester and the decider; the health endpoint and the review page need neither.
/// </summary>
public sealed class CallerAuthenticationTests(AuthenticatedServerFixture fixture) : IClassFixture<AuthenticatedServerFixture>
{
    private const string ApiKeyHeader = "X-API-Key";
    private const string Authorization = "Authorization";

    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("POST", "api/plans")]
    [InlineData("GET", "api/plans")]
    [InlineData("GET", "api/tools")]
    [InlineData("POST", "api/plans/0f8fad5bd9cb469fa16570867728950e/approve")]
    public async Task AnyPlanRoute_NoCredential_Answers401ProblemWithBearerChallenge(string method, string path)
    {
        // Act
        using var response = await SendAsync(Server.Http, method, path);

        // Assert
        var problem = await Server.Api.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"ExecutionPlans\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Authorization: Bearer <key>", detail, StringComparison.Ordinal);
        Assert.Contains("X-API-Key: <key>", detail, StringComparison.Ordinal);
        Assert.Contains(Audience, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiKeyHeader, "not-a-key-of-this-server-0000", "The X-API-Key header is not a valid API key.")]
    [InlineData(ApiKeyHeader, RequesterKey + "x", "The X-API-Key header is not a valid API key.")]
    [InlineData(Authorization, "Bearer not-a-key-of-this-server-0000", "neither a valid API key nor a JWT")]
    [InlineData(Authorization, "Basic Y2ktYm90OnNlY3JldA==", "must be 'Bearer <API key or token>'")]
    public async Task CreatePlan_WrongCredential_Answers401SayingWhy(string header, string value, string expected)
    {
        // Act
        using var response = await Server.ApiAs(header, value).PostAsync("api/plans", TestPlans.CreateRequest(Plan("Wrong key")));

        // Assert
        var problem = await Server.Api.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiKeyHeader)]
    [InlineData(Authorization)]
    public async Task ApprovePlan_ApiKeyInEitherHeader_RecordsTheKeysNamesAsRequesterAndDecider(string header)
    {
        // Arrange
        var requester = Server.ApiAs(header, Credential(header, RequesterKey));
        var approver = Server.ApiAs(header, Credential(header, ApproverKey));
        var scope = StepEndpoint.NewScope();
        var created = await requester.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Keyed", ("s1", fixture.Steps.Url(scope + "/s1")))));
        await requester.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        var accepted = await approver.DecideAcceptedAsync(created.Id, "approve", """{"version": 1}""");
        var done = await approver.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        Assert.Equal(Requester, created.RequestedBy);
        Assert.Equal(Approver, accepted.Decisions[^1].By);
        Assert.Equal(Requester, done.RequestedBy);
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, Approver), (decision.Kind, decision.Outcome, decision.By));
        Assert.Single(fixture.Steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    [Fact]
    public async Task ApprovePlan_TokenOfTheAuthority_RecordsItsPreferredUsernameAsDecider()
    {
        // Arrange
        const string Erin = "erin@contoso.example";
        var requester = Server.ApiAs(ApiKeyHeader, RequesterKey);
        var erin = Server.ApiAs(Authorization, "Bearer " + fixture.Tokens.Issue(Audience, Erin));
        var scope = StepEndpoint.NewScope();
        var created = await requester.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Token", ("s1", fixture.Steps.Url(scope + "/s1")))));
        await requester.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act
        await erin.DecideAcceptedAsync(created.Id, "approve", """{"version": 1}""");
        var done = await erin.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert
        var decision = Assert.Single(done.Decisions);
        Assert.Equal((DecisionKind.Approve, DecisionOutcome.Applied, Erin), (decision.Kind, decision.Outcome, decision.By));
        Assert.Equal(Requester, done.RequestedBy);
    }

    [Theory]
    [InlineData("expired", "The bearer token has expired.")]
    [InlineData("another audience", "issued for another audience than Server:Jwt:Audience")]
    [InlineData("another key", "not signed by a key of Server:Jwt:Authority")]
    [InlineData("not a token", "neither a valid API key nor a JWT")]
    public async Task CreatePlan_TokenNotAccepted_Answers401SayingWhy(string token, string expected)
    {
        // Arrange
        using var otherKey = RSA.Create(2048);
        var bearer = token switch
        {
            "expired" => fixture.Tokens.Issue(Audience, "erin@contoso.example", lifetime: TimeSpan.FromMinutes(-10)),
            "another audience" => fixture.Tokens.Issue("api://another-api", "erin@contoso.example"),
            "another key" => fixture.Tokens.Issue(Audience, "erin@contoso.example", signWith: otherKey),
            _ => "eyJhbGciOiJSUzI1NiJ9.not-json.at-all",
        };

        // Act
        using var response = await Server.ApiAs(Authorization, "Bearer " + bearer).PostAsync("api/plans", TestPlans.CreateRequest(Plan("Bad token")));

        // Assert
        var problem = await Server.Api.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_NoCredential_Answers200()
    {
        // Act
        using var response = await Server.Api.GetPathAsync("api/health");

        // Assert
        await Server.Api.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetReviewPage_NoCredential_AnswersForItsLinkInstead()
    {
        // Arrange: a real plan, and a link that was never signed.
        var created = await Server.ApiAs(ApiKeyHeader, RequesterKey).CreateAsync(TestPlans.CreateRequest(Plan("Reviewed")));

        // Act
        using var response = await Server.Api.GetPathAsync($"api/plans/{created.Id}/review?token=forged");

        // Assert: the page's own refusal of a forged link, not a request for an API key.
        await Server.Api.ExpectAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    private static string Credential(string header, string key) => header == Authorization ? "Bearer " + key : key;

    private static JsonObject Plan(string description) =>
        TestPlans.HttpPlan(description, ("s1", "http://127.0.0.1:9/never-called"));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent(TestPlans.CreateRequest(Plan("No key")), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
