using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Http;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.AspNetCore.Http;
using Endpoints = ExecutionPlans.Http.Plans.PlansApi;

namespace ExecutionPlans.Server.IntegrationTests.OpenApi;

/// <summary>The document in use: a client that knows the API from it alone, and the handlers behind what it lists.</summary>
public sealed partial class OpenApiDocumentTests
{
    /// <summary>A value each documented query parameter refuses, by name.</summary>
    private static readonly Dictionary<string, string> RefusedValues = new()
    {
        ["status"] = "sideways",
        ["top"] = (Endpoints.MaxPageSize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["continuationToken"] = "not-a-token-of-this-list",
        ["approver"] = new string('a', PlanLimits.MaxApproverChars + 1),
    };

    public static TheoryData<string> ListOperations { get; } = [PlanOperations.ListPlans, PlanOperations.ListApprovals];

    [Fact]
    public async Task GetPlan_ClientFromTheDocument_ReadsAPlanCreatedOnTheServer()
    {
        // Arrange: a plan created through the document, by a caller with the key its ApiKey scheme asks for.
        var client = new DocumentClient(fixture.Authenticated.Http, fixture.AuthenticatedDocument, OpenApiServersFixture.ApiKey);
        var id = await CreatePendingPlanAsync(client, "Read through the document");

        // Act
        var read = await client.CallAsync(PlanOperations.GetPlan, PathValues(id));
        var markdown = await client.CallAsync(PlanOperations.GetPlan, PathValues(id), accept: "text/markdown");
        var missing = await client.CallAsync(PlanOperations.GetPlan, PathValues("no-such-plan"));

        // Assert: every answer is listed with its media type and conforms to its schema (the client checks), and reads as the plan.
        Assert.Equal(StatusCodes.Status200OK, read.Status);
        var view = PlansClient.Parse<PlanView>(read.Body);
        Assert.Equal(id, view.Id);
        Assert.Equal(PlanStatus.PendingApproval, view.Status);
        Assert.Equal(1, view.Version);
        Assert.Equal("s1", Assert.Single(view.Steps).Id);
        Assert.Matches("^[0-9a-f]{64}$", view.PlanHash);
        Assert.NotNull(view.Approvals);
        Assert.Equal(OpenApiServersFixture.Caller, view.RequestedBy);
        Assert.Equal("text/markdown", markdown.MediaType);
        Assert.Contains("Read through the document", markdown.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status404NotFound, missing.Status);
        Assert.Equal("application/problem+json", missing.MediaType);

        // The check is not blind: the same view with a status the schema does not list, or a property it lacks, fails it.
        var altered = JsonNode.Parse(read.Body)!.AsObject();
        altered["status"] = "sideways";
        altered["unlisted"] = 1;
        var mismatches = SchemaConformance.Mismatches(altered, read.Declared.Content!["application/json"].Schema!);
        Assert.Contains(mismatches, mismatch => mismatch.StartsWith("$.status:", StringComparison.Ordinal));
        Assert.Contains(mismatches, mismatch => mismatch.Contains("'unlisted'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectPlan_ClientFromTheDocument_DecidesWithTheBodyItsSchemaDescribes()
    {
        // Arrange
        var client = new DocumentClient(fixture.Authenticated.Http, fixture.AuthenticatedDocument, OpenApiServersFixture.ApiKey);
        var id = await CreatePendingPlanAsync(client, "Reject through the document");
        var view = PlansClient.Parse<PlanView>((await client.CallAsync(PlanOperations.GetPlan, PathValues(id))).Body);

        // Act
        var rejected = await client.CallAsync(
            PlanOperations.RejectPlan,
            PathValues(id),
            new JsonObject { ["version"] = view.Version, ["planHash"] = view.PlanHash, ["reason"] = "Not through this document" });
        await Caller().WaitForStatusAsync(id, PlanStatus.Cancelled);
        var again = await client.CallAsync(PlanOperations.ApprovePlan, PathValues(id), new JsonObject { ["version"] = view.Version });

        // Assert
        Assert.Equal(StatusCodes.Status202Accepted, rejected.Status);
        Assert.Equal(client.Find(PlanOperations.GetPlan).Path.Replace("{id}", id, StringComparison.Ordinal), rejected.Location);
        Assert.Equal(StatusCodes.Status409Conflict, again.Status);
        Assert.Equal("application/problem+json", again.MediaType);
    }

    [Theory]
    [MemberData(nameof(ListOperations))]
    public async Task ListQuery_EachDocumentedQueryParameter_IsOneTheHandlerReads(string operationId)
    {
        // Arrange: each documented parameter, with a value it refuses.
        var client = new DocumentClient(fixture.Open.Http, fixture.OpenDocument);
        var (_, path, operation) = client.Find(operationId);
        var parameters = QueryOf(fixture.OpenDocument, operationId).Keys.ToList();
        Assert.NotEmpty(parameters);
        Assert.All(parameters, name => Assert.True(RefusedValues.ContainsKey(name), $"No refused value for the documented parameter {name}."));

        foreach (var name in parameters)
        {
            // Act
            using var response = await fixture.Open.Http.GetAsync(new Uri($"{path.TrimStart('/')}?{name}={Uri.EscapeDataString(RefusedValues[name])}", UriKind.Relative));

            // Assert: the handler names the parameter in its 400, which the document lists.
            var problem = await fixture.Open.Api.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), $"{operationId}'s 400 for {name} does not name it: {problem}");
            Assert.True(operation.Responses?.ContainsKey("400"), $"{operationId} does not list its 400.");
        }
    }

    [Fact]
    public async Task ListPlans_AuthenticatedServerWithoutACaller_AnswersThe401ItLists()
    {
        var client = new DocumentClient(fixture.Authenticated.Http, fixture.AuthenticatedDocument);

        var list = await client.CallAsync(PlanOperations.ListPlans);
        var review = await client.CallAsync(PlanOperations.GetReviewPage, PathValues("any-plan"));

        // The client fails on an answer the document does not list; the review page is open to anyone, so it is never 401.
        Assert.Equal(StatusCodes.Status401Unauthorized, list.Status);
        Assert.Equal("application/problem+json", list.MediaType);
        Assert.NotEqual(StatusCodes.Status401Unauthorized, review.Status);
        Assert.Equal("text/html", review.MediaType);
    }

    private static Dictionary<string, string> PathValues(string id) => new() { ["id"] = id };

    /// <summary>Creates a plan of one step through the document and waits until it awaits approval; returns its id.</summary>
    private async Task<string> CreatePendingPlanAsync(DocumentClient client, string description)
    {
        var request = new JsonObject { ["plan"] = TestPlans.HttpPlan(description, ("s1", "http://127.0.0.1:9/status")) };
        var created = await client.CallAsync(PlanOperations.CreatePlan, body: request);
        Assert.Equal(StatusCodes.Status202Accepted, created.Status);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(client.Find(PlanOperations.GetPlan).Path.Replace("{id}", id, StringComparison.Ordinal), created.Location);
        await Caller().WaitForStatusAsync(id, PlanStatus.PendingApproval);
        return id;
    }

    /// <summary>The plan API of the authenticated server, as the fixture's caller, for waiting on a plan.</summary>
    private PlansClient Caller() => fixture.Authenticated.ApiAs("X-API-Key", OpenApiServersFixture.ApiKey);
}
