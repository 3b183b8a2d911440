using System.Collections.Concurrent;
using System.Text;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Server.IntegrationTests.Telemetry;

/// <summary>
/// The server process exporting with OTLP over HTTP, configured by the standard variables only, to a receiver
/// listening here: the spans of a plan arrive, named and tagged with its id, and so do the workflow's metrics.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> exports = new();
    private LoopbackApp receiver = null!;
    private StepEndpoint steps = null!;

    public async Task InitializeAsync()
    {
        steps = await StepEndpoint.StartAsync();
        receiver = await LoopbackApp.StartAsync(web => web.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            exports.Enqueue(("/v1/" + signal, body.ToArray()));
            return Results.Ok();
        }));
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await steps.DisposeAsync();
    }

    [Fact]
    public async Task Server_OtlpEndpointSet_ExportsThePlansSpansAndTheWorkflowsMetrics()
    {
        // Arrange
        await using var server = await ServerProcess.StartAsync(ServerSettings.InMemory()
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.BaseAddress.ToString().TrimEnd('/'))
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_SERVICE_NAME", "plans-under-test")
            .With("OTEL_BSP_SCHEDULE_DELAY", "200")
            .With("OTEL_METRIC_EXPORT_INTERVAL", "500"));
        var scope = StepEndpoint.NewScope();

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(TestPlans.HttpPlan("Read the status", ("s1", steps.Url(scope + "/status"))), requireApproval: false));
        await server.Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);

        // Assert: protobuf keeps strings as UTF-8, so the names, the id and the service are in the bytes as written.
        var traces = await Poll.UntilAsync(
            () => exports.Where(e => e.Path == "/v1/traces").Select(e => Encoding.UTF8.GetString(e.Body)).FirstOrDefault(text => text.Contains(created.Id, StringComparison.Ordinal) && text.Contains("plan.step", StringComparison.Ordinal)),
            limit => $"No trace export with plan {created.Id}'s step arrived within {limit.TotalSeconds:0} s; {exports.Count} exports arrived ({string.Join(", ", exports.Select(e => e.Path).Distinct())}).\nServer output:\n{server.Output}");
        var metrics = await Poll.UntilAsync(
            () => exports.Where(e => e.Path == "/v1/metrics").Select(e => Encoding.UTF8.GetString(e.Body)).FirstOrDefault(text => text.Contains("executionplans.step.duration", StringComparison.Ordinal) && text.Contains("executionplans.plans.ended", StringComparison.Ordinal)),
            limit => $"No metrics export with the step duration and the plans ended arrived within {limit.TotalSeconds:0} s.\nServer output:\n{server.Output}");
        Assert.Contains("plans-under-test", traces, StringComparison.Ordinal);
        Assert.Contains("executionplans.plan.id", traces, StringComparison.Ordinal);
        Assert.Contains("executionplans.plans.started", metrics, StringComparison.Ordinal);
    }
}
