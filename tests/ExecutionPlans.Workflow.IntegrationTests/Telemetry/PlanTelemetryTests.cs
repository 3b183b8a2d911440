using System.Diagnostics;
using ExecutionPlans.Model;
using ExecutionPlans.Telemetry;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ExecutionPlans.Workflow.IntegrationTests.Telemetry;

/// <summary>Runs alone, so the workflow's metrics count only its own plans.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryGroup
{
    public const string Name = "Telemetry";
}

/// <summary>
/// The workflow's spans and metrics on a real engine, through OpenTelemetry's in-memory exporters: a plan created,
/// approved and run, and one rejected.
/// </summary>
[Collection(TelemetryGroup.Name)]
public sealed class PlanTelemetryTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>, IDisposable
{
    private readonly List<Activity> spans = [];
    private readonly List<Metric> metrics = [];
    private TracerProvider? tracing;
    private MeterProvider? metering;

    private PlanService Plans => fixture.Plans;

    public void Dispose()
    {
        tracing?.Dispose();
        metering?.Dispose();
    }

    [Fact]
    public async Task ApprovedPlan_Runs_SpansForCreationDecisionAndEachStepLinkedByPlanId()
    {
        Listen();
        var started = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Echo twice", TestPlans.Echo("s1", "one"), TestPlans.Echo("s2", "two"))));
        await Plans.WaitForAsync(started.Id, v => v.Status == PlanStatus.PendingApproval);
        await Plans.ApproveAsync(started.Id, new PlanDecisionRequest { Version = 1, By = "approver@example.com" });
        await Plans.WaitForEndAsync(started.Id);

        tracing!.ForceFlush();
        var mine = spans.Where(s => (string?)s.GetTagItem(PlanTelemetry.PlanIdTag) == started.Id).ToList();
        var create = Assert.Single(mine, s => s.DisplayName == "plan.create");
        Assert.Equal(ActivityKind.Producer, create.Kind);
        Assert.Equal(true, create.GetTagItem("executionplans.plan.given"));
        var decide = Assert.Single(mine, s => s.DisplayName == "plan.decide");
        Assert.Equal(("approve", "accepted"), ((string?)decide.GetTagItem(PlanTelemetry.DecisionKindTag), (string?)decide.GetTagItem(PlanTelemetry.DecisionOutcomeTag)));
        var steps = mine.Where(s => s.DisplayName == "plan.step").OrderBy(s => (string?)s.GetTagItem(PlanTelemetry.StepIdTag)).ToList();
        Assert.Equal(["s1", "s2"], steps.Select(s => (string?)s.GetTagItem(PlanTelemetry.StepIdTag)));
        Assert.All(steps, s =>
        {
            Assert.Equal(TestTools.Echo, s.GetTagItem(PlanTelemetry.ToolTag));
            Assert.Equal(1, s.GetTagItem(PlanTelemetry.AttemptTag));
            Assert.Equal("succeeded", s.GetTagItem(PlanTelemetry.StepOutcomeTag));
            Assert.NotEqual(ActivityStatusCode.Error, s.Status);
        });
    }

    [Fact]
    public async Task PlansRunAndRejected_Metrics_CountPlansByStatusStepDurationsApprovalWaitsAndDecisions()
    {
        Listen();
        var run = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Echo once", TestPlans.Echo("s1", "one"))));
        await Plans.WaitForAsync(run.Id, v => v.Status == PlanStatus.PendingApproval);
        await Plans.ApproveAsync(run.Id, new PlanDecisionRequest { Version = 1 });
        await Plans.WaitForEndAsync(run.Id);
        var rejected = await Plans.StartAsync(TestPlans.Given(TestPlans.Plan("Echo never", TestPlans.Echo("s1", "no"))));
        await Plans.WaitForAsync(rejected.Id, v => v.Status == PlanStatus.PendingApproval);
        var refused = await Plans.ApproveAsync(rejected.Id, new PlanDecisionRequest { Version = 7 });
        await Plans.RejectAsync(rejected.Id, new PlanDecisionRequest { Version = 1, Text = "not now" });
        await Plans.WaitForEndAsync(rejected.Id);

        metering!.ForceFlush();
        Assert.Equal(PlanCommandStatus.Conflict, refused.Status);
        Assert.Equal(2, Sum("executionplans.plans.started"));
        Assert.Equal(1, Sum("executionplans.plans.ended", (PlanTelemetry.StatusTag, "completed")));
        Assert.Equal(1, Sum("executionplans.plans.ended", (PlanTelemetry.StatusTag, "cancelled")));
        Assert.Equal(1, Sum("executionplans.decisions", (PlanTelemetry.DecisionKindTag, "approve"), (PlanTelemetry.DecisionOutcomeTag, "applied")));
        Assert.Equal(1, Sum("executionplans.decisions", (PlanTelemetry.DecisionKindTag, "reject"), (PlanTelemetry.DecisionOutcomeTag, "applied")));
        Assert.Equal(1, Count("executionplans.step.duration", (PlanTelemetry.ToolTag, TestTools.Echo), (PlanTelemetry.StepOutcomeTag, "succeeded")));
        Assert.Equal(1, Count("executionplans.approval.wait", (PlanTelemetry.DecisionKindTag, "approve")));
        Assert.Equal(1, Count("executionplans.approval.wait", (PlanTelemetry.DecisionKindTag, "reject")));
    }

    private void Listen()
    {
        tracing = Sdk.CreateTracerProviderBuilder().AddSource(PlanTelemetry.Name).AddInMemoryExporter(spans).Build();
        metering = Sdk.CreateMeterProviderBuilder().AddMeter(PlanTelemetry.Name).AddInMemoryExporter(metrics).Build();
    }

    /// <summary>The points of a metric whose tags include all of <paramref name="tags"/>, from the last export.</summary>
    private IEnumerable<MetricPoint> Points(string name, (string Key, object Value)[] tags)
    {
        var metric = metrics.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            yield break;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)))
            {
                yield return point;
            }
        }
    }

    private long Sum(string name, params (string Key, object Value)[] tags) => Points(name, tags).Sum(p => p.GetSumLong());

    private long Count(string name, params (string Key, object Value)[] tags) => Points(name, tags).Sum(p => p.GetHistogramCount());
}
