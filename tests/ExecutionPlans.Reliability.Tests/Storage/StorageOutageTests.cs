using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using Xunit.Abstractions;

namespace ExecutionPlans.Reliability.Tests.Storage;

/// <summary>
/// A server on an Azure Storage emulator of its own, which the test stops and starts again: while the storage is out,
/// the health endpoint says so and the API answers 503 with Retry-After, quickly; once it is back, the plan that waited
/// through the outage is still there, takes its approval and completes, and the refused approval left no trace.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    // The storage SDK's default retries take about 6 s to give up; the API's calls get about a second. The bound is
    // generous, so a loaded machine does not fail the test, and still well under the SDK's 6 s.
    private static readonly TimeSpan QuickAnswer = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Api_StorageStoppedThenStartedAgain_Answers503WithRetryAfterThenCompletesThePlan()
    {
        // Arrange
        await using var steps = await StepEndpoint.StartAsync();
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(ServerSettings.AzureStorage(azurite.ConnectionString));
        var scope = StepEndpoint.NewScope();
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Outlast the outage", ("s1", steps.Url(scope + "/s1")))));
        await server.Api.WaitForStatusAsync(created.Id, PlanStatus.PendingApproval);

        // Act: the storage goes away.
        await azurite.StopAsync();
        using var health = await TimedAsync(() => server.Api.GetPathAsync("api/health"));
        using var read = await TimedAsync(() => server.Api.GetAsync(created.Id));
        using var approve = await TimedAsync(() => server.Api.DecideAsync(created.Id, "approve", """{"version": 1}"""));
        var healthBody = await server.Api.ExpectAsync(health.Response, HttpStatusCode.ServiceUnavailable);
        var readProblem = await server.Api.ExpectProblemAsync(read.Response, HttpStatusCode.ServiceUnavailable);
        await server.Api.ExpectProblemAsync(approve.Response, HttpStatusCode.ServiceUnavailable);

        // Act: it comes back, with its data.
        await azurite.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await server.Api.GetPathAsync("api/health");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            (status, limit) => $"Health was still {(int)status} {limit.TotalSeconds:0} s after the storage came back.\nServer output:\n{server.Output}");
        var healthyAfter = back.Elapsed;
        var pending = await server.Api.GetViewAsync(created.Id);
        await server.Api.DecideAcceptedAsync(created.Id, "approve", """{"version": 1}""");
        var done = await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);
        output.WriteLine($"While the storage was out: health {health.Took.TotalSeconds:0.00} s, read {read.Took.TotalSeconds:0.00} s, approve {approve.Took.TotalSeconds:0.00} s.");
        output.WriteLine($"Once it was back: healthy after {healthyAfter.TotalSeconds:0.0} s, completed after {back.Elapsed.TotalSeconds:0.0} s.");

        // Assert: the outage is reported as one, naming the storage and never its key.
        using var report = JsonDocument.Parse(healthBody);
        Assert.Equal("unavailable", report.RootElement.GetProperty("status").GetString());
        var detail = report.RootElement.GetProperty("detail").GetString();
        Assert.Contains($"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1", detail, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteProcess.AccountKey, healthBody, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1", readProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteProcess.AccountKey, server.Output, StringComparison.Ordinal);
        foreach (var answer in new[] { health, read, approve })
        {
            Assert.Equal(TimeSpan.FromSeconds(5), answer.Response.Headers.RetryAfter?.Delta);
            Assert.True(answer.Took < QuickAnswer, $"{answer.Response.RequestMessage?.Method} {answer.Response.RequestMessage?.RequestUri} took {answer.Took.TotalSeconds:0.0} s to answer 503.");
        }

        // Assert: nothing was lost, and the refused approval never reached the plan.
        Assert.Equal(PlanStatus.PendingApproval, pending.Status);
        Assert.Empty(pending.Decisions);
        Assert.Equal(["s1:succeeded"], PlanAssert.Steps(done));
        Assert.Equal(["approve/applied"], PlanAssert.Decisions(done));
        Assert.Single(steps.CallsTo(scope + "/s1"));
        PlanAssert.Consistent(done);
    }

    private static async Task<TimedAnswer> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        return new TimedAnswer(response, watch.Elapsed);
    }

    private sealed record TimedAnswer(HttpResponseMessage Response, TimeSpan Took) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
