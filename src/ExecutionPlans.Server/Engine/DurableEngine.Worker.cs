using ExecutionPlans.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace ExecutionPlans.Server.Engine;

/// <summary>
/// The app's side of the engine: the Durable Task worker and client, bound to the sidecar's channel. Everything the
/// server takes from the SDK beyond its public surface (the sidecar from its in-process test host, and the silent
/// disconnect timeout from <c>Worker.Grpc.Internal</c>) stays in this type; <c>DurableEngineTests</c> fails if the
/// SDK stops behaving as relied on here.
/// </summary>
internal sealed partial class DurableEngine
{
    /// <summary>Adds the worker, running the plan orchestrator and activities, and the client, both on <see cref="Channel"/>.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="options">The engine settings: concurrency limits and the silent disconnect timeout.</param>
    /// <param name="moreTasks">Orchestrations and activities of the host's own, beside the workflow's (the benchmark's bare ones).</param>
    public void AddWorkerAndClient(IServiceCollection services, DurableEngineOptions options, Action<DurableTaskRegistry>? moreTasks = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = Channel;
                // The worker drops its work-item stream after this long without a message and reconnects after a
                // random backoff of up to several seconds; an approval arriving meanwhile waits for it (0.6-2 s
                // measured, see benchmarks/README.md). Zero turns it off (DurableEngineOptions).
                grpc.SetSilentDisconnectTimeout(options.WorkerSilentDisconnectTimeout);
            });
            worker.AddTasks(tasks =>
            {
                tasks.AddExecutionPlanTasks();
                moreTasks?.Invoke(tasks);
            });
            worker.Configure(worker =>
            {
                worker.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
        });
        services.AddDurableTaskClient(client => client.UseGrpc(Channel));
    }
}
