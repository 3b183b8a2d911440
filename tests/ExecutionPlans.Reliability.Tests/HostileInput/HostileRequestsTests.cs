using System.Collections.Concurrent;
using System.Net;
using ExecutionPlans.Testing;
using Xunit.Abstractions;

namespace ExecutionPlans.Reliability.Tests.HostileInput;

/// <summary>
/// The corpus of hostile requests (<see cref="HostileRequests"/>) against a real server on each engine: no answer is a
/// 5xx, every refusal says why (problem details, or the review page's HTML), and the server still works afterwards.
/// </summary>
public abstract class HostileRequestsTests(ITestOutputHelper output)
{
    private protected abstract ServerSettings Settings { get; }

    [Fact]
    public async Task EveryRoute_HostileRequests_NeverAnswer5xxAndExplainEveryRefusal()
    {
        // Arrange: a plan that exists, so the decision routes reach the workflow.
        await using var steps = await StepEndpoint.StartAsync();
        await using var server = await ServerProcess.StartAsync(Settings.With("Approvals__SigningKey", "hostile-requests-signing-key-0123456789abcdef"));
        var plan = TestPlans.HttpPlan("A plan to aim at", ("s1", steps.Url(StepEndpoint.NewScope() + "/s1")));
        var planId = (await server.Api.CreateAsync(TestPlans.CreateRequest(plan))).Id;
        await server.Api.WaitUntilAsync(planId, view => view.Status == Model.PlanStatus.PendingApproval, "pending approval");
        var corpus = HostileRequests.All(planId);
        var answers = new ConcurrentBag<(HostileRequest Request, HttpStatusCode Status, string? ContentType, string Body)>();

        // Act
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            using var message = request.ToMessage();
            using var response = await server.Http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            answers.Add((request, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        });
        var afterwards = await server.Api.CreateAsync(TestPlans.CreateRequest(plan));

        // Assert
        output.WriteLine($"{corpus.Count} requests: " + string.Join(", ", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.True(corpus.Count >= 500, $"The corpus has {corpus.Count} requests; it should have at least 500.");
        var failures = answers.Where(a => (int)a.Status >= 500).Select(a => $"{a.Request.Name} → {(int)a.Status}: {a.Body[..Math.Min(a.Body.Length, 200)]}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx:\n{string.Join("\n", failures)}\nServer output:\n{server.Output}");
        var unexplained = answers
            .Where(a => (int)a.Status >= 400 && !Explained(a.Request, a.ContentType, a.Body))
            .Select(a => $"{a.Request.Name} → {(int)a.Status} {a.ContentType ?? "(no content type)"}")
            .ToList();
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} refusals have no problem details:\n{string.Join("\n", unexplained)}");
        Assert.False(string.IsNullOrEmpty(afterwards.Id));
    }

    /// <summary>
    /// Whether a refusal says why: problem details, the review page's HTML, or, for a caller that accepts no JSON
    /// (Markdown), a line of text. A request line Kestrel cannot parse (a NUL in the path) never reaches the app.
    /// </summary>
    private static bool Explained(HostileRequest request, string? contentType, string body) => contentType switch
    {
        "application/problem+json" or "text/html" => body.Length > 0,
        "text/plain" => body.Length > 0 && request.Headers?.Any(h => h.Name == "Accept" && !h.Value.Contains("json", StringComparison.Ordinal)) == true,
        null => request.Path.Contains("%00", StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>The corpus on the in-memory engine.</summary>
public sealed class HostileRequestsInMemoryTests(ITestOutputHelper output) : HostileRequestsTests(output)
{
    private protected override ServerSettings Settings => ServerSettings.InMemory();
}

/// <summary>The corpus on the Azure Storage engine (Azurite).</summary>
public sealed class HostileRequestsAzureStorageTests(ITestOutputHelper output) : HostileRequestsTests(output)
{
    private protected override ServerSettings Settings => ServerSettings.AzureStorage();
}
