using System.Text.Json;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Moq;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>A mocked <see cref="DurableTaskClient"/> that records what the endpoints asked of it.</summary>
internal sealed class DurableClientFake
{
    private readonly Dictionary<string, OrchestrationMetadata> instances = new(StringComparer.Ordinal);

    public DurableClientFake()
    {
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                Started.Add((name, input, options));
                return Task.FromResult(options?.InstanceId ?? "generated-id");
            });
        Mock.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Returns((string id, string name, object? payload, CancellationToken _) =>
            {
                var json = JsonDocument.Parse(JsonDataConverter.Default.Serialize(payload) ?? "null").RootElement.Clone();
                RaisedEvents.Add(new RaisedEvent(id, name, json));
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns((string id, bool _, CancellationToken _) => Task.FromResult(instances.GetValueOrDefault(id)));
        Mock.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((string id, PurgeInstanceOptions? _, CancellationToken _) => PurgeAsync(id));
        Mock.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string id, CancellationToken _) => PurgeAsync(id));
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test");

    public DurableTaskClient Object => Mock.Object;

    public List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)> Started { get; } = [];

    public List<RaisedEvent> RaisedEvents { get; } = [];

    public List<string> Purged { get; } = [];

    public List<OrchestrationQuery?> Queries { get; } = [];

    public DurableClientFake With(OrchestrationMetadata metadata)
    {
        instances[metadata.InstanceId] = metadata;
        return this;
    }

    public DurableClientFake With(PlanView view, OrchestrationRuntimeStatus runtimeStatus = OrchestrationRuntimeStatus.Running) =>
        With(TestPlans.Metadata(view, runtimeStatus));

    /// <summary>Answers every instance query with one page.</summary>
    public DurableClientFake WithPage(string? continuationToken, params OrchestrationMetadata[] items)
    {
        Mock.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns((OrchestrationQuery? query) =>
            {
                Queries.Add(query);
                return Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(items, continuationToken)));
            });
        return this;
    }

    private Task<PurgeResult> PurgeAsync(string id)
    {
        Purged.Add(id);
        return Task.FromResult(new PurgeResult(instances.Remove(id) ? 1 : 0));
    }
}
